// ModelMetadataParser, first half: identity, parameters, inputs, outputs, tables; and the
// ModelMetadata accessors.

#include "metadata/ModelMetadataParser.h"

#include "twin/sim_api/ApiVersion.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace twin::simulation {

using Presence = MetadataReader::Presence;

namespace {
bool isWellFormedSource(const QString &source) {
    static const QRegularExpression pattern(QStringLiteral(
        "^(covariate:[a-z][a-z0-9_]*|organ:[a-z][a-z0-9_]*:[A-Za-z][A-Za-z0-9_]*|plan:[A-Za-z][A-Za-z0-9_]*)$"));
    return pattern.match(source).hasMatch();
}
bool isIntegral(double value) {
    return std::floor(value) == value;
}
}  // namespace

core::Result<ModelMetadata> ModelMetadata::fromJson(const QJsonObject &json, const QString &pluginFile) {
    return ModelMetadataParser(json, pluginFile).parse();
}

ModelMetadataParser::ModelMetadataParser(const QJsonObject &json, const QString &pluginFile)
    : json_(json), reader_(pluginFile) {
    meta_.pluginFile_ = pluginFile;
}

core::Result<ModelMetadata> ModelMetadataParser::parse() {
    if (json_.isEmpty()) {
        reader_.fail(QStringLiteral("MetaData"), QStringLiteral("no model.json metadata"));
        return reader_.error();
    }
    readIdentity();
    readParameters();
    readInputs();
    readOutputs();
    readTables();
    readActions();
    readMetrics();
    readValidity();
    if (reader_.failed()) return reader_.error();
    return std::move(meta_);
}

void ModelMetadataParser::requireUnique(QStringList &seen, const QString &id, const QString &path) {
    if (seen.contains(id)) reader_.fail(path, QStringLiteral("id \"%1\" is declared twice").arg(id));
    seen << id;
}

void ModelMetadataParser::readIdentity() {
    meta_.id_ = reader_.id(json_, {}, QStringLiteral("id"));
    meta_.name_ = reader_.string(json_, {}, QStringLiteral("name"), Presence::Required);
    meta_.version_ = reader_.string(json_, {}, QStringLiteral("version"), Presence::Required);
    const QString api = reader_.string(json_, {}, QStringLiteral("apiVersion"), Presence::Required);
    if (!reader_.failed()) {
        static const QRegularExpression pattern(QStringLiteral("^(\\d{1,4})\\.(\\d{1,4})$"));
        const QRegularExpressionMatch match = pattern.match(api);
        if (!match.hasMatch()) {
            reader_.fail(QStringLiteral("apiVersion"), QStringLiteral("\"%1\" is not \"major.minor\"").arg(api));
        } else {
            meta_.apiMajor_ = match.captured(1).toInt();
            meta_.apiMinor_ = match.captured(2).toInt();
            if (!sim_api::isCompatibleApi(meta_.apiMajor_, meta_.apiMinor_)) {
                reader_.fail(QStringLiteral("apiVersion"),
                             QStringLiteral("built against model API %1; this host runs API %2.%3 (same major, "
                                            "minor at most %3 required)")
                                 .arg(api)
                                 .arg(sim_api::kApiMajor)
                                 .arg(sim_api::kApiMinor),
                             core::Error::Code::Unsupported);
            }
        }
    }
    meta_.vendor_ = reader_.string(json_, {}, QStringLiteral("vendor"), Presence::Optional);
    meta_.description_ = reader_.string(json_, {}, QStringLiteral("description"), Presence::Optional);
    meta_.references_ = reader_.strings(json_, {}, QStringLiteral("references"));
    meta_.assumptions_ = reader_.strings(json_, {}, QStringLiteral("assumptions"));
}

void ModelMetadataParser::readParameters() {
    const QJsonArray list = reader_.array(json_, {}, QStringLiteral("parameters"), Presence::Optional);
    QStringList seen;
    for (qsizetype i = 0; i < list.size() && !reader_.failed(); ++i) {
        const QString path = MetadataReader::item(QStringLiteral("parameters"), i);
        const QJsonObject o = reader_.object(list.at(i), path);
        if (reader_.failed()) return;
        readParameter(o, path);
        if (!reader_.failed()) requireUnique(seen, meta_.parameters_.back().id, path + QStringLiteral(".id"));
    }
}

void ModelMetadataParser::readParameter(const QJsonObject &o, const QString &path) {
    ParameterSpec p;
    p.id = reader_.id(o, path, QStringLiteral("id"));
    p.label = reader_.string(o, path, QStringLiteral("label"), Presence::Optional);
    p.unit = reader_.unit(o, path, QStringLiteral("unit"), Presence::Required);
    p.description = reader_.string(o, path, QStringLiteral("description"), Presence::Optional);
    p.reference = reader_.string(o, path, QStringLiteral("reference"), Presence::Optional);
    p.defaultValue = reader_.number(o, path, QStringLiteral("default"), Presence::Required);
    p.min = reader_.number(o, path, QStringLiteral("min"), Presence::Required);
    p.max = reader_.number(o, path, QStringLiteral("max"), Presence::Required);
    p.step = reader_.number(o, path, QStringLiteral("step"), Presence::Optional, 0.0);
    const QString kind = reader_.string(o, path, QStringLiteral("kind"), Presence::Optional);
    p.source = reader_.string(o, path, QStringLiteral("source"), Presence::Optional);
    p.calibratable = reader_.boolean(o, path, QStringLiteral("calibratable"), false);
    p.priorCv = reader_.number(o, path, QStringLiteral("priorCv"), Presence::Optional, 0.0);
    if (reader_.failed()) return;

    const auto at = [&](const char *key) { return MetadataReader::field(path, QLatin1String(key)); };
    if (kind == QLatin1String("integer")) {
        p.kind = ParameterKind::Integer;
    } else if (!kind.isEmpty() && kind != QLatin1String("real")) {
        reader_.fail(at("kind"), QStringLiteral("\"%1\" is not a parameter kind (real or integer)").arg(kind));
    }
    if (p.min > p.max) {
        reader_.fail(at("min"), QStringLiteral("min %1 is above max %2").arg(p.min).arg(p.max));
    } else if (p.defaultValue < p.min || p.defaultValue > p.max) {
        reader_.fail(at("default"),
                     QStringLiteral("default %1 is outside [%2, %3]").arg(p.defaultValue).arg(p.min).arg(p.max));
    }
    if (p.kind == ParameterKind::Integer) {
        const std::pair<const char *, double> values[] = {{"default", p.defaultValue}, {"min", p.min}, {"max", p.max}};
        for (const auto &[key, value] : values) {
            if (!isIntegral(value))
                reader_.fail(at(key), QStringLiteral("%1 is not an integer (kind integer)").arg(value));
        }
    }
    if (p.step < 0.0) reader_.fail(at("step"), QStringLiteral("step %1 is negative").arg(p.step));
    if (o.contains(QStringLiteral("source")) && !isWellFormedSource(p.source)) {
        reader_.fail(at("source"), QStringLiteral("\"%1\" is not covariate:<id>, organ:<role>:<property> or "
                                                  "plan:<id>")
                                       .arg(p.source));
    }
    if (o.contains(QStringLiteral("priorCv")) && !(p.priorCv > 0.0)) {
        reader_.fail(at("priorCv"), QStringLiteral("priorCv %1 must be positive").arg(p.priorCv));
    }
    meta_.parameters_.push_back(std::move(p));
}

void ModelMetadataParser::readInputs() {
    const QJsonArray list = reader_.array(json_, {}, QStringLiteral("inputs"), Presence::Optional);
    QStringList seen;
    for (qsizetype i = 0; i < list.size() && !reader_.failed(); ++i) {
        const QString path = MetadataReader::item(QStringLiteral("inputs"), i);
        const QJsonObject o = reader_.object(list.at(i), path);
        InputSpec in;
        in.id = reader_.id(o, path, QStringLiteral("id"));
        in.label = reader_.string(o, path, QStringLiteral("label"), Presence::Optional);
        in.unit = reader_.unit(o, path, QStringLiteral("unit"), Presence::Required);
        in.from = reader_.string(o, path, QStringLiteral("from"), Presence::Optional);
        in.defaultValue = reader_.number(o, path, QStringLiteral("default"), Presence::Required);
        in.description = reader_.string(o, path, QStringLiteral("description"), Presence::Optional);
        if (reader_.failed()) return;
        if (o.contains(QStringLiteral("from"))) {
            const qsizetype dot = in.from.indexOf(QLatin1Char('.'));
            in.fromModel = in.from.left(dot);
            in.fromOutput = dot < 0 ? QString() : in.from.mid(dot + 1);
            if (dot < 0 || !MetadataReader::isId(in.fromModel) || !MetadataReader::isId(in.fromOutput)) {
                reader_.fail(path + QStringLiteral(".from"),
                             QStringLiteral("\"%1\" is not \"<model>.<output>\"").arg(in.from));
                return;
            }
        }
        requireUnique(seen, in.id, path + QStringLiteral(".id"));
        meta_.inputs_.push_back(std::move(in));
    }
}

void ModelMetadataParser::readOutputs() {
    const QJsonArray list = reader_.array(json_, {}, QStringLiteral("outputs"), Presence::Required);
    if (!reader_.failed() && list.isEmpty())
        reader_.fail(QStringLiteral("outputs"), QStringLiteral("a model needs at least one output"));
    QStringList seen;
    for (qsizetype i = 0; i < list.size() && !reader_.failed(); ++i) {
        const QString path = MetadataReader::item(QStringLiteral("outputs"), i);
        const QJsonObject o = reader_.object(list.at(i), path);
        OutputSpec out;
        out.id = reader_.id(o, path, QStringLiteral("id"));
        out.label = reader_.string(o, path, QStringLiteral("label"), Presence::Optional);
        out.unit = reader_.unit(o, path, QStringLiteral("unit"), Presence::Required);
        out.description = reader_.string(o, path, QStringLiteral("description"), Presence::Optional);
        if (reader_.failed()) return;
        requireUnique(seen, out.id, path + QStringLiteral(".id"));
        meta_.outputs_.push_back(std::move(out));
    }
}

void ModelMetadataParser::readTables() {
    const QJsonArray list = reader_.array(json_, {}, QStringLiteral("tables"), Presence::Optional);
    QStringList seen;
    for (qsizetype i = 0; i < list.size() && !reader_.failed(); ++i) {
        const QString path = MetadataReader::item(QStringLiteral("tables"), i);
        const QJsonObject o = reader_.object(list.at(i), path);
        TableSpec table;
        table.id = reader_.id(o, path, QStringLiteral("id"));
        table.xUnit = reader_.unit(o, path, QStringLiteral("xUnit"), Presence::Required);
        table.yUnit = reader_.unit(o, path, QStringLiteral("yUnit"), Presence::Required);
        table.source = reader_.string(o, path, QStringLiteral("source"), Presence::Optional);
        table.description = reader_.string(o, path, QStringLiteral("description"), Presence::Optional);
        if (reader_.failed()) return;
        requireUnique(seen, table.id, path + QStringLiteral(".id"));
        meta_.tables_.push_back(std::move(table));
    }
}

namespace {
template <typename Spec>
int indexById(const std::vector<Spec> &specs, const QString &id) {
    const auto it = std::find_if(specs.begin(), specs.end(), [&](const Spec &s) { return s.id == id; });
    return it == specs.end() ? -1 : static_cast<int>(it - specs.begin());
}
}  // namespace

int ModelMetadata::parameterIndex(const QString &id) const {
    return indexById(parameters_, id);
}
int ModelMetadata::inputIndex(const QString &id) const {
    return indexById(inputs_, id);
}
int ModelMetadata::outputIndex(const QString &id) const {
    return indexById(outputs_, id);
}
int ModelMetadata::tableIndex(const QString &id) const {
    return indexById(tables_, id);
}

bool ModelMetadata::acceptsAction(const std::string &kind) const {
    return std::find(actions_.begin(), actions_.end(), kind) != actions_.end();
}

std::vector<double> ModelMetadata::defaultParameters() const {
    std::vector<double> values;
    values.reserve(parameters_.size());
    for (const ParameterSpec &p : parameters_) values.push_back(p.defaultValue);
    return values;
}

}  // namespace twin::simulation
