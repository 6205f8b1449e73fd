#pragma once

#include "walkthrough.h"

#include <QByteArray>
#include <optional>

namespace flowlens {

struct LabManifest;

// Reads walkthrough scripts (resources/walkthroughs/FORMAT.md). Every problem is reported with the
// file, the step (number and id) and the field: "hunting.json: step 3 (\"scan\"): showMe[1].expression:
// line 1, column 8: unknown field `srcadr`". Filter expressions and queries are parsed here, so a
// script with a typo fails when it is listed, not when a learner presses Show me.
class WalkthroughParser {
public:
    static std::optional<Walkthrough> parseFile(const QString& path, QString& error);
    // `path` names the script in errors and resolves its relative lab path.
    static std::optional<Walkthrough> parse(const QByteArray& json, const QString& path, QString& error);

    // Checks the stage ids the script names against its lab's manifest.
    static bool validateAgainst(const Walkthrough& walkthrough, const LabManifest& lab, QString& error);
};

} // namespace flowlens
