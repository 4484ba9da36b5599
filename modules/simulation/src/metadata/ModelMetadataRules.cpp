// ModelMetadataParser, second half: the entries that refer to the signal lists — accepted
// actions, end-of-run metrics and validity ranges — resolved to indices and converted to the
// subject's unit here, once.

#include "metadata/ModelMetadataParser.h"
#include "metadata/UnitMapping.h"

#include "twin/sim_api/Action.h"
#include "twin/sim_api/ApiVersion.h"

#include <array>

namespace twin::simulation {

using Presence = MetadataReader::Presence;

namespace {
struct KnownAction {
    const char *kind;
    const char *amountUnit;  // nullptr: the kind carries no amount
};
constexpr std::array<KnownAction, 6> kKnownActions{{
    {sim_api::action_kind::kIvBolus, "mg"},
    {sim_api::action_kind::kIvInfusionStart, nullptr},
    {sim_api::action_kind::kIvInfusionStop, nullptr},
    {sim_api::action_kind::kOralDose, "mg"},
    {sim_api::action_kind::kRtFraction, "Gy"},
    {sim_api::action_kind::kSurgery, "1"},
}};

const KnownAction *knownAction(const QString &kind) {
    for (const KnownAction &known : kKnownActions) {
        if (kind == QLatin1String(known.kind)) return &known;
    }
    return nullptr;
}
}  // namespace

void ModelMetadataParser::readActions() {
    const QStringList kinds = reader_.strings(json_, {}, QStringLiteral("actions"));
    for (qsizetype i = 0; i < kinds.size() && !reader_.failed(); ++i) {
        const QString path = MetadataReader::item(QStringLiteral("actions"), i);
        if (!knownAction(kinds.at(i))) {
            reader_.fail(path, QStringLiteral("\"%1\" is not an action kind of model API %2.%3")
                                   .arg(kinds.at(i))
                                   .arg(sim_api::kApiMajor)
                                   .arg(sim_api::kApiMinor));
        } else if (kinds.indexOf(kinds.at(i)) != i) {
            reader_.fail(path, QStringLiteral("action \"%1\" is listed twice").arg(kinds.at(i)));
        }
        meta_.actions_.push_back(kinds.at(i).toStdString());
    }
}

void ModelMetadataParser::readMetrics() {
    const QJsonArray list = reader_.array(json_, {}, QStringLiteral("metrics"), Presence::Optional);
    QStringList seen;
    for (qsizetype i = 0; i < list.size() && !reader_.failed(); ++i) {
        const QString path = MetadataReader::item(QStringLiteral("metrics"), i);
        const QJsonObject o = reader_.object(list.at(i), path);
        if (reader_.failed()) return;
        readMetric(o, path);
        if (!reader_.failed()) requireUnique(seen, meta_.metrics_.back().id, path + QStringLiteral(".id"));
    }
}

void ModelMetadataParser::readMetric(const QJsonObject &o, const QString &path) {
    MetricSpec m;
    m.id = reader_.id(o, path, QStringLiteral("id"));
    m.output = reader_.string(o, path, QStringLiteral("output"), Presence::Required);
    const QString reduce = reader_.string(o, path, QStringLiteral("reduce"), Presence::Required);
    m.unit = reader_.unit(o, path, QStringLiteral("unit"), Presence::Optional);
    m.requiresTable = reader_.string(o, path, QStringLiteral("requiresTable"), Presence::Optional);
    if (reader_.failed()) return;

    const auto at = [&](const char *key) { return MetadataReader::field(path, QLatin1String(key)); };
    m.outputIndex = meta_.outputIndex(m.output);
    if (m.outputIndex < 0) {
        reader_.fail(at("output"), QStringLiteral("\"%1\" is not an output of this model").arg(m.output));
        return;
    }
    if (reduce == QLatin1String("max")) {
        m.reduce = MetricReduce::Max;
    } else if (reduce == QLatin1String("min")) {
        m.reduce = MetricReduce::Min;
    } else if (reduce == QLatin1String("last")) {
        m.reduce = MetricReduce::Last;
    } else {
        reader_.fail(at("reduce"), QStringLiteral("\"%1\" is not max, min or last").arg(reduce));
        return;
    }
    const QString &outputUnit = meta_.outputs_[static_cast<std::size_t>(m.outputIndex)].unit;
    if (m.unit.isEmpty()) m.unit = outputUnit;
    const core::Result<UnitMapping> mapping = UnitMapping::between(outputUnit, m.unit);
    if (!mapping.ok()) {
        reader_.fail(at("unit"), QStringLiteral("output unit %1 does not convert to %2: %3")
                                     .arg(outputUnit, m.unit, mapping.error().message()));
        return;
    }
    m.scale = mapping.value().scale;
    m.offset = mapping.value().offset;
    if (o.contains(QStringLiteral("requiresTable"))) {
        m.tableIndex = meta_.tableIndex(m.requiresTable);
        if (m.tableIndex < 0) {
            reader_.fail(at("requiresTable"),
                         QStringLiteral("\"%1\" is not a table of this model").arg(m.requiresTable));
            return;
        }
    }
    meta_.metrics_.push_back(std::move(m));
}

void ModelMetadataParser::readValidity() {
    const QJsonArray list = reader_.array(json_, {}, QStringLiteral("validity"), Presence::Optional);
    for (qsizetype i = 0; i < list.size() && !reader_.failed(); ++i) {
        const QString path = MetadataReader::item(QStringLiteral("validity"), i);
        const QJsonObject o = reader_.object(list.at(i), path);
        if (reader_.failed()) return;
        readValidityRule(o, path);
    }
}

void ModelMetadataParser::readValidityRule(const QJsonObject &o, const QString &path) {
    ValiditySpec v;
    v.subject = reader_.string(o, path, QStringLiteral("subject"), Presence::Required);
    const std::optional<double> min = reader_.optionalNumber(o, path, QStringLiteral("min"));
    const std::optional<double> max = reader_.optionalNumber(o, path, QStringLiteral("max"));
    const QString unit = reader_.unit(o, path, QStringLiteral("unit"), Presence::Optional);
    v.message = reader_.string(o, path, QStringLiteral("message"), Presence::Optional);
    if (reader_.failed()) return;

    const auto at = [&](const char *key) { return MetadataReader::field(path, QLatin1String(key)); };
    const qsizetype colon = v.subject.indexOf(QLatin1Char(':'));
    const QString kind = v.subject.left(colon);
    const QString name = colon < 0 ? QString() : v.subject.mid(colon + 1);
    bool known = true;
    if (kind == QLatin1String("parameter")) {
        v.kind = ValiditySubjectKind::Parameter;
        v.index = meta_.parameterIndex(name);
        if (v.index >= 0) v.unit = meta_.parameters_[static_cast<std::size_t>(v.index)].unit;
    } else if (kind == QLatin1String("input")) {
        v.kind = ValiditySubjectKind::Input;
        v.index = meta_.inputIndex(name);
        if (v.index >= 0) v.unit = meta_.inputs_[static_cast<std::size_t>(v.index)].unit;
    } else if (kind == QLatin1String("output")) {
        v.kind = ValiditySubjectKind::Output;
        v.index = meta_.outputIndex(name);
        if (v.index >= 0) v.unit = meta_.outputs_[static_cast<std::size_t>(v.index)].unit;
    } else if (kind == QLatin1String("action") && name.endsWith(QLatin1String(".amount"))) {
        v.kind = ValiditySubjectKind::ActionAmount;
        const QString actionKind = name.chopped(7);
        const KnownAction *action = knownAction(actionKind);
        if (!action || !meta_.acceptsAction(actionKind.toStdString())) {
            reader_.fail(at("subject"), QStringLiteral("the model does not accept action \"%1\"").arg(actionKind));
            return;
        }
        if (!action->amountUnit) {
            reader_.fail(at("subject"), QStringLiteral("action \"%1\" has no amount").arg(actionKind));
            return;
        }
        v.actionKind = actionKind.toStdString();
        v.unit = QString::fromLatin1(action->amountUnit);
    } else {
        known = false;
    }
    if (!known || (v.kind != ValiditySubjectKind::ActionAmount && v.index < 0)) {
        reader_.fail(at("subject"), known ? QStringLiteral("\"%1\" names no %2 of this model").arg(name, kind)
                                          : QStringLiteral("\"%1\" is not parameter:<id>, input:<id>, output:<id> "
                                                           "or action:<kind>.amount")
                                                .arg(v.subject));
        return;
    }
    if (!min && !max) {
        reader_.fail(path, QStringLiteral("a validity range needs min, max or both"));
        return;
    }
    if (min && max && *min > *max) {
        reader_.fail(at("min"), QStringLiteral("min %1 is above max %2").arg(*min).arg(*max));
        return;
    }
    const core::Result<UnitMapping> mapping = UnitMapping::between(unit.isEmpty() ? v.unit : unit, v.unit);
    if (!mapping.ok()) {
        reader_.fail(at("unit"), QStringLiteral("%1 does not convert to the subject's unit %2: %3")
                                     .arg(unit, v.unit, mapping.error().message()));
        return;
    }
    if (min) v.min = mapping.value().apply(*min);
    if (max) v.max = mapping.value().apply(*max);
    meta_.validity_.push_back(std::move(v));
}

}  // namespace twin::simulation
