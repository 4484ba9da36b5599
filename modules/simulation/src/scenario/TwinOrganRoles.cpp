// TwinOrganRoles: structure names -> roles, and the combination of several structures into one
// organ (rules in TwinOrganRoles.h).

#include "twin/simulation/TwinOrganRoles.h"

#include <QRegularExpression>

#include <algorithm>
#include <map>

namespace twin::simulation {

namespace {

using Side = TwinOrganRoles::Side;

/// Lower case, words joined by '_' (spaces and '_' alike); '-' kept (it may mean "minus").
QString normalised(const QString &name) {
    QString n = name.trimmed().toLower();
    n.replace(QRegularExpression(QStringLiteral("[\\s_]+")), QStringLiteral("_"));
    return n;
}

/// Side of a paired organ named `organ` ("lung", "parotid"); nullopt when the name is not it.
std::optional<Side> pairedSide(const QString &n, const QString &organ) {
    const QString o = QRegularExpression::escape(organ);
    const auto is = [&n](const QString &pattern) {
        return QRegularExpression(QStringLiteral("^(%1)$").arg(pattern)).match(n).hasMatch();
    };
    if (is(QStringLiteral("%1s?[_]?(-|_minus_|minus)[_]?gtv").arg(o))) return Side::MinusGtv;
    if (is(QStringLiteral("%1s?|%1s?_total|total_%1s?|%1s?_both|both_%1s").arg(o))) return Side::Both;
    const QString sep = QStringLiteral("[_-]?");
    if (is(QStringLiteral("%1%2(l|left|lt)|(l|left|lt)%2%1").arg(o, sep))) return Side::Left;
    if (is(QStringLiteral("%1%2(r|right|rt)|(r|right|rt)%2%1").arg(o, sep))) return Side::Right;
    return std::nullopt;
}

}  // namespace

TwinOrganRoles::Match TwinOrganRoles::classify(const QString &structureName) {
    const QString n = normalised(structureName);
    if (n == QLatin1String("gtv") || n.startsWith(QLatin1String("gtv")) || n.contains(QLatin1String("tumour")) ||
        n.contains(QLatin1String("tumor")) || n.contains(QLatin1String("lesion")))
        return {QStringLiteral("tumour"), Side::None};
    for (const char *organ : {"lung", "parotid"}) {
        if (const auto side = pairedSide(n, QString::fromLatin1(organ))) return {QString::fromLatin1(organ), *side};
    }
    if (n == QLatin1String("heart")) return {QStringLiteral("heart"), Side::None};
    if (n == QLatin1String("rectum")) return {QStringLiteral("rectum"), Side::None};
    return {};
}

sim_api::Table TwinOrganRoles::combineDvhs(const std::vector<const TwinStructure *> &parts) {
    double totalVolume = 0.0;
    for (const TwinStructure *s : parts) {
        if (!s->dvh.empty()) totalVolume += s->volumeMl;
    }
    std::map<double, double> bins;  // dose -> volume fraction of the combined organ
    for (const TwinStructure *s : parts) {
        if (s->dvh.empty() || !(totalVolume > 0.0)) continue;
        double sum = 0.0;
        for (double y : s->dvh.y) sum += y;
        if (!(sum > 0.0)) continue;
        const double weight = s->volumeMl / totalVolume / sum;
        for (std::size_t i = 0; i < s->dvh.x.size(); ++i) bins[s->dvh.x[i]] += weight * s->dvh.y[i];
    }
    sim_api::Table table;
    for (const auto &[dose, fraction] : bins) {
        table.x.push_back(dose);
        table.y.push_back(fraction);
    }
    return table;
}

std::map<QString, TwinOrgan> TwinOrganRoles::assign(const std::vector<TwinStructure> &structures, QStringList *notes) {
    std::map<QString, std::map<Side, std::vector<const TwinStructure *>>> byRole;
    for (const TwinStructure &s : structures) {
        const Match m = classify(s.name);
        if (!m.role.isEmpty()) byRole[m.role][m.side].push_back(&s);
    }
    std::map<QString, TwinOrgan> organs;
    for (auto &[role, sides] : byRole) {
        std::vector<const TwinStructure *> parts;
        if (role == QLatin1String("tumour")) {
            std::vector<const TwinStructure *> &all = sides[Side::None];
            const auto largest = std::max_element(
                all.begin(), all.end(),
                [](const TwinStructure *a, const TwinStructure *b) { return a->volumeMl < b->volumeMl; });
            parts = {*largest};
            if (notes && all.size() > 1)
                notes->append(QStringLiteral("tumour: %1 structures look like a tumour; the largest, %2, is used")
                                  .arg(all.size())
                                  .arg((*largest)->name));
        } else {
            for (const Side side : {Side::MinusGtv, Side::Both, Side::None}) {
                if (parts.empty() && !sides[side].empty()) parts = {sides[side].front()};
            }
            if (parts.empty()) {
                for (const Side side : {Side::Left, Side::Right}) {
                    if (!sides[side].empty()) parts.push_back(sides[side].front());
                }
                if (notes && parts.size() == 2)
                    notes->append(QStringLiteral("%1: %2 and %3 combined as one organ")
                                      .arg(role, parts[0]->name, parts[1]->name));
            } else if (notes && (sides[Side::Left].size() + sides[Side::Right].size()) > 0) {
                notes->append(
                    QStringLiteral("%1: %2 used (not the left and right structures)").arg(role, parts[0]->name));
            }
        }
        TwinOrgan organ;
        organ.role = role;
        double volume = 0.0;
        QStringList provenance;
        for (const TwinStructure *p : parts) {
            organ.structures << p->name;
            volume += p->volumeMl;
            if (!p->provenance.isEmpty()) provenance << p->provenance;
        }
        provenance.removeDuplicates();
        const QString from =
            QStringLiteral("structure %1 (%2)")
                .arg(organ.structures.join(QStringLiteral(" + ")), provenance.join(QStringLiteral("; ")));
        organ.volumeMl = TwinValue{volume, QStringLiteral("mL"), from};
        organ.dvh = parts.size() == 1 ? parts.front()->dvh : combineDvhs(parts);
        if (!organ.dvh.empty()) organ.dvhProvenance = QStringLiteral("planned DVH of ") + from;
        organs[role] = organ;
    }
    return organs;
}

}  // namespace twin::simulation
