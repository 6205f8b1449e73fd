#pragma once

#include <QString>

namespace flowlens {

// What went wrong with an AWS call, as a value: the service's own code and message when it sent
// them, plus FlowLens' explanation where one helps (clock skew, expired credentials).
struct AwsError {
    enum class Kind {
        None,
        Configuration, // credentials, region or endpoint could not be resolved
        Network, // no HTTP answer: refused, dropped, TLS, DNS
        Timeout, // no answer within the request timeout
        Throttled, // still throttled after every attempt
        Service, // the service answered with an error
        ClockSkew, // the signature's time is too far from AWS's clock
        ExpiredCredentials, // the session token has expired
        BadResponse, // an answer FlowLens cannot read (not JSON, wrong shape)
        Cancelled,
    };

    Kind kind = Kind::None;
    QString code; // the service's error code ("ThrottlingException")
    QString message; // the service's message, or the network error text
    QString explanation; // what it means and what to do; may be empty
    int httpStatus = 0;
    QString requestId;
    int attempts = 0;

    bool isError() const { return kind != Kind::None; }
    // One paragraph for the user: "ThrottlingException (HTTP 400): Rate exceeded. Gave up after 3
    // attempts. Request id …". Never holds credentials.
    QString text() const;
};

} // namespace flowlens
