#include "topologylayout.h"

#include <algorithm>
#include <cmath>

namespace flowlens {

namespace {

using Kind = TopologyLayout::Kind;

struct Member {
    QString id;
    Kind kind;
};

struct SubnetPlan {
    QString id;
    std::vector<Member> members;
    QSizeF size;
};

struct VpcPlan {
    QString id;
    QString igw;
    std::vector<SubnetPlan> subnets;
    std::vector<qreal> columnWidths;
    std::vector<qreal> rowHeights;
    int columns = 1;
    QSizeF size;
};

int gridColumns(std::size_t n, int most)
{
    return std::clamp(static_cast<int>(std::ceil(std::sqrt(static_cast<double>(n)))), 1, most);
}

void measure(SubnetPlan& s)
{
    const std::size_t n = s.members.size();
    const int cols = gridColumns(n, 4);
    const int rows = static_cast<int>((n + std::size_t(cols) - 1) / std::size_t(cols));
    const qreal width
        = 2 * TopologyLayout::kPad + cols * TopologyLayout::kNodeWidth + (cols - 1) * TopologyLayout::kGap;
    const qreal height = TopologyLayout::kSubnetTitle + rows * (TopologyLayout::kNodeHeight + TopologyLayout::kGap)
        + TopologyLayout::kPad - (rows > 0 ? TopologyLayout::kGap : 0);
    s.size = QSizeF(std::max<qreal>(width, 300), height);
}

void measure(VpcPlan& v)
{
    v.columns = gridColumns(v.subnets.size(), 3);
    const std::size_t rows = (v.subnets.size() + std::size_t(v.columns) - 1) / std::size_t(v.columns);
    v.columnWidths.assign(std::size_t(v.columns), 0);
    v.rowHeights.assign(rows, 0);
    for (std::size_t i = 0; i < v.subnets.size(); ++i) {
        measure(v.subnets[i]);
        qreal& w = v.columnWidths[i % std::size_t(v.columns)];
        qreal& h = v.rowHeights[i / std::size_t(v.columns)];
        w = std::max(w, v.subnets[i].size.width());
        h = std::max(h, v.subnets[i].size.height());
    }
    qreal width = 2 * TopologyLayout::kPad;
    for (qreal w : v.columnWidths) {
        width += w + TopologyLayout::kGap;
    }
    qreal height = TopologyLayout::kVpcTitle + TopologyLayout::kPad;
    for (qreal h : v.rowHeights) {
        height += h + TopologyLayout::kGap;
    }
    // The title band holds the name, the CIDRs and the internet gateway: keep it wide enough.
    v.size = QSizeF(std::max<qreal>(width - TopologyLayout::kGap, 420), height - TopologyLayout::kGap);
}

} // namespace

const TopologyLayout::Box* TopologyLayout::box(const QString& id) const
{
    const auto it = m_index.find(id);
    return it == m_index.end() ? nullptr : &m_boxes[it->second];
}

const TopologyLayout::Box* TopologyLayout::boxFor(const QString& id) const
{
    const auto alias = m_aliases.find(id);
    return box(alias == m_aliases.end() ? id : alias->second);
}

TopologyLayout TopologyLayout::compute(const Topology& t)
{
    TopologyLayout layout;
    // Which interfaces are NAT gateways' own: drawn as the NAT gateway.
    for (const NetworkInterface& eni : t.interfaces) {
        for (const NatGateway& nat : t.natGateways) {
            const bool sameAddress
                = std::any_of(eni.privateAddresses.begin(), eni.privateAddresses.end(), [&](const Address& a) {
                      return std::find(nat.privateAddresses.begin(), nat.privateAddresses.end(), a)
                          != nat.privateAddresses.end();
                  });
            if (sameAddress && nat.subnetId == eni.subnetId) {
                layout.m_aliases[eni.id] = nat.id;
            }
        }
    }
    std::map<QString, VpcPlan> vpcs;
    std::map<QString, std::map<QString, SubnetPlan>> subnets; // vpc → subnet → plan
    for (const Vpc& v : t.vpcs) {
        vpcs[v.id].id = v.id;
        if (const InternetGateway* igw = t.internetGatewayOf(v.id)) {
            vpcs[v.id].igw = igw->id;
        }
    }
    for (const Subnet& s : t.subnets) {
        const QString vpc = s.vpcId.isEmpty() ? QStringLiteral("unplaced") : s.vpcId;
        vpcs[vpc].id = vpc;
        subnets[vpc][s.id].id = s.id;
    }
    auto placeMember = [&](const QString& id, Kind kind, const QString& subnetId, const QString& vpcId) {
        const Subnet* s = t.subnet(subnetId);
        QString vpc = s ? (s->vpcId.isEmpty() ? QStringLiteral("unplaced") : s->vpcId) : vpcId;
        if (vpc.isEmpty() || !vpcs.count(vpc)) {
            vpc = vpcId.isEmpty() ? QStringLiteral("unplaced") : vpcId;
        }
        vpcs[vpc].id = vpc;
        const QString subnet = s ? s->id : vpc + QStringLiteral("/no-subnet");
        subnets[vpc][subnet].id = subnet;
        subnets[vpc][subnet].members.push_back({ id, kind });
    };
    for (const NatGateway& nat : t.natGateways) {
        placeMember(nat.id, Kind::NatGateway, nat.subnetId, nat.vpcId);
    }
    for (const NetworkInterface& eni : t.interfaces) {
        if (!layout.m_aliases.count(eni.id)) {
            placeMember(eni.id, Kind::Interface, eni.subnetId, eni.vpcId);
        }
    }
    std::vector<VpcPlan> plans;
    for (auto& [id, plan] : vpcs) { // by id; the "unplaced" group goes last below

        for (auto& [sid, s] : subnets[id]) {
            // NAT gateways first, then interfaces, each by id.
            std::sort(s.members.begin(), s.members.end(), [](const Member& a, const Member& b) {
                return std::pair(a.kind != Kind::NatGateway, a.id) < std::pair(b.kind != Kind::NatGateway, b.id);
            });
            plan.subnets.push_back(std::move(s));
        }
        measure(plan);
        plans.push_back(std::move(plan));
    }
    std::stable_partition(
        plans.begin(), plans.end(), [](const VpcPlan& p) { return p.id != QLatin1String("unplaced"); });

    // VPCs in a grid, then the Internet centred above.
    const int columns = plans.size() <= 3 ? std::max<int>(1, int(plans.size())) : gridColumns(plans.size(), 4);
    std::vector<qreal> columnWidths(std::size_t(columns), 0);
    std::vector<qreal> rowHeights((plans.size() + std::size_t(columns) - 1) / std::size_t(columns), 0);
    for (std::size_t i = 0; i < plans.size(); ++i) {
        columnWidths[i % std::size_t(columns)]
            = std::max(columnWidths[i % std::size_t(columns)], plans[i].size.width());
        rowHeights[i / std::size_t(columns)] = std::max(rowHeights[i / std::size_t(columns)], plans[i].size.height());
    }
    const qreal top = 150;
    qreal totalWidth = -kVpcGap;
    for (qreal w : columnWidths) {
        totalWidth += w + kVpcGap;
    }
    totalWidth = std::max<qreal>(totalWidth, 260);
    auto add = [&](const QString& id, Kind kind, const QString& parent, const QRectF& rect) {
        layout.m_index[id] = layout.m_boxes.size();
        layout.m_boxes.push_back({ id, kind, parent, rect });
    };
    add(QStringLiteral("internet"), Kind::Internet, QString(), QRectF(totalWidth / 2 - 120, 0, 240, 64));
    qreal y = top;
    for (std::size_t row = 0; row < rowHeights.size(); ++row) {
        qreal x = 0;
        for (std::size_t col = 0; col < std::size_t(columns); ++col) {
            const std::size_t i = row * std::size_t(columns) + col;
            if (i >= plans.size()) {
                break;
            }
            const VpcPlan& v = plans[i];
            const QRectF vpcRect(x, y, v.size.width(), v.size.height());
            add(v.id, Kind::Vpc, QString(), vpcRect);
            if (!v.igw.isEmpty() && !layout.box(v.igw)) {
                add(v.igw, Kind::InternetGateway, v.id, QRectF(vpcRect.right() - kPad - 150, y + 10, 150, 40));
            }
            qreal sy = y + kVpcTitle;
            for (std::size_t r = 0; r < v.rowHeights.size(); ++r) {
                qreal sx = x + kPad;
                for (std::size_t c = 0; c < std::size_t(v.columns); ++c) {
                    const std::size_t k = r * std::size_t(v.columns) + c;
                    if (k >= v.subnets.size()) {
                        break;
                    }
                    const SubnetPlan& s = v.subnets[k];
                    const QRectF subnetRect(sx, sy, v.columnWidths[c], s.size.height());
                    add(s.id, Kind::Subnet, v.id, subnetRect);
                    const int cols = gridColumns(s.members.size(), 4);
                    for (std::size_t m = 0; m < s.members.size(); ++m) {
                        const qreal mx = subnetRect.left() + kPad + qreal(m % std::size_t(cols)) * (kNodeWidth + kGap);
                        const qreal my
                            = subnetRect.top() + kSubnetTitle + qreal(m / std::size_t(cols)) * (kNodeHeight + kGap);
                        add(s.members[m].id, s.members[m].kind, s.id, QRectF(mx, my, kNodeWidth, kNodeHeight));
                    }
                    sx += v.columnWidths[c] + kGap;
                }
                sy += v.rowHeights[r] + kGap;
            }
            x += columnWidths[col] + kVpcGap;
        }
        y += rowHeights[row] + kVpcGap;
    }
    for (const Box& b : layout.m_boxes) {
        layout.m_bounds = layout.m_bounds.united(b.rect);
    }
    return layout;
}

} // namespace flowlens
