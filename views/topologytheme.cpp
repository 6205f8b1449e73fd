#include "topologytheme.h"

namespace flowlens {

TopologyTheme::BoxColors TopologyTheme::box(TopologyLayout::Kind kind, bool isPublic) const
{
    using Kind = TopologyLayout::Kind;
    switch (kind) {
    case Kind::Internet:
        return internet;
    case Kind::Vpc:
        return vpc;
    case Kind::Subnet:
        return isPublic ? publicSubnet : privateSubnet;
    case Kind::NatGateway:
        return natGateway;
    case Kind::InternetGateway:
        return internetGateway;
    case Kind::Interface:
        break;
    }
    return networkInterface;
}

QColor TopologyTheme::peering(const QString& status) const
{
    if (status == QLatin1String("active")) {
        return peeringActive;
    }
    return status == QLatin1String("pending-acceptance") || status == QLatin1String("provisioning") ? peeringPending
                                                                                                    : peeringOther;
}

TopologyTheme TopologyTheme::light()
{
    TopologyTheme t;
    t.background = QColor(0xfb, 0xfb, 0xfb);
    t.text = QColor(0x20, 0x20, 0x20);
    t.detailText = QColor(0x40, 0x40, 0x40);
    t.labelFill = QColor(255, 255, 255, 235);
    t.legendFill = QColor(255, 255, 255, 230);
    t.legendBorder = QColor(0xb0, 0xb0, 0xb0);
    t.highlight = QColor(0xe0, 0x8a, 0x00);
    t.trafficTint = QColor(0x9c, 0xc3, 0xf5);
    t.accepted = QColor(0x1f, 0x5f, 0xbf, 190);
    t.rejected = QColor(0xc6, 0x28, 0x28, 220);
    t.peeringActive = QColor(0x2e, 0x7d, 0x32);
    t.peeringPending = QColor(0xd9, 0x82, 0x00);
    t.peeringOther = QColor(0x8a, 0x8a, 0x8a);
    t.internet = { QColor(0xe9, 0xef, 0xf8), QColor(0x4a, 0x5d, 0x7e) };
    t.vpc = { QColor(0xf5, 0xf9, 0xf3), QColor(0x3b, 0x7a, 0x35) };
    t.publicSubnet = { QColor(0xe7, 0xf0, 0xfc), QColor(0x2d, 0x6c, 0xb3) };
    t.privateSubnet = { QColor(0xf2, 0xf2, 0xf2), QColor(0x76, 0x76, 0x76) };
    t.natGateway = { QColor(0xff, 0xf3, 0xdd), QColor(0xb8, 0x72, 0x00) };
    t.internetGateway = { QColor(0xe3, 0xf3, 0xe6), QColor(0x2e, 0x7d, 0x32) };
    t.networkInterface = { QColor(Qt::white), QColor(0x50, 0x50, 0x50) };
    return t;
}

TopologyTheme TopologyTheme::darkTheme()
{
    TopologyTheme t;
    t.dark = true;
    t.background = QColor(0x1e, 0x1f, 0x22);
    t.text = QColor(0xe8, 0xe8, 0xe8);
    t.detailText = QColor(0xb4, 0xb4, 0xb8);
    t.labelFill = QColor(0x2a, 0x2b, 0x30, 235);
    t.legendFill = QColor(0x2a, 0x2b, 0x30, 230);
    t.legendBorder = QColor(0x5a, 0x5c, 0x64);
    t.highlight = QColor(0xff, 0xb0, 0x20);
    t.trafficTint = QColor(0x2f, 0x6f, 0xc0);
    t.accepted = QColor(0x5b, 0x9c, 0xf0, 215);
    t.rejected = QColor(0xff, 0x5a, 0x5a, 230);
    t.peeringActive = QColor(0x66, 0xbb, 0x6a);
    t.peeringPending = QColor(0xff, 0xb7, 0x4d);
    t.peeringOther = QColor(0x9e, 0x9e, 0x9e);
    t.internet = { QColor(0x1f, 0x2a, 0x3a), QColor(0x7f, 0xa2, 0xd6) };
    t.vpc = { QColor(0x1c, 0x26, 0x1c), QColor(0x6c, 0xbf, 0x62) };
    t.publicSubnet = { QColor(0x1b, 0x2b, 0x40), QColor(0x5f, 0xa0, 0xe8) };
    t.privateSubnet = { QColor(0x2a, 0x2a, 0x2e), QColor(0x9a, 0x9a, 0xa0) };
    t.natGateway = { QColor(0x3a, 0x2e, 0x16), QColor(0xe3, 0xa4, 0x3a) };
    t.internetGateway = { QColor(0x1d, 0x33, 0x22), QColor(0x63, 0xc2, 0x6c) };
    t.networkInterface = { QColor(0x32, 0x33, 0x38), QColor(0xa8, 0xa8, 0xb0) };
    return t;
}

TopologyTheme TopologyTheme::forPalette(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightness() < 128 ? darkTheme() : light();
}

} // namespace flowlens
