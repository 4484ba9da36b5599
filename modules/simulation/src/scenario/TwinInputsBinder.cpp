// TwinInputsBinder: model.json sources -> values from the twin, or flagged defaults.

#include "twin/simulation/TwinInputsBinder.h"

#include "twin/core/UnitRegistry.h"

#include <cmath>

namespace twin::simulation {

namespace {

QString missingNote(const TwinInputs &inputs, const QString &source) {
    const QString why = inputs.whyMissing(source);
    return why.isEmpty() ? QStringLiteral("the twin has no value for %1").arg(source)
                         : QStringLiteral("the twin has no value for %1: %2").arg(source, why);
}

TwinFilledInput parameterEntry(const ParameterSpec &p, const QString &instanceId, const TwinInputs &inputs) {
    TwinFilledInput entry;
    entry.model = instanceId;
    entry.target = p.id;
    entry.source = p.source;
    entry.unit = p.unit;
    entry.value = p.defaultValue;
    entry.provenance = p.reference;
    const std::optional<TwinValue> value = inputs.value(p.source);
    if (!value) {
        entry.note = missingNote(inputs, p.source);
        return entry;
    }
    double converted = value->value;
    if (!value->unit.isEmpty() && value->unit != p.unit) {
        const core::Result<double> c = core::UnitRegistry::ucum().convert(value->value, value->unit, p.unit);
        if (!c.ok()) {
            entry.note = QStringLiteral("the twin's %1 = %2 %3 does not convert to %4: %5")
                             .arg(p.source)
                             .arg(value->value)
                             .arg(value->unit, p.unit, c.error().message());
            return entry;
        }
        converted = c.value();
        entry.note = QStringLiteral("converted from %1 %2").arg(value->value, 0, 'g', 10).arg(value->unit);
    }
    if (!std::isfinite(converted)) {
        entry.note = QStringLiteral("the twin's %1 is not finite").arg(p.source);
        return entry;
    }
    if (p.kind == ParameterKind::Integer) converted = std::round(converted);
    entry.origin = TwinFilledInput::Origin::Twin;
    entry.value = converted;
    entry.provenance = value->provenance;
    return entry;
}

}  // namespace

std::vector<TwinFilledInput> TwinInputsBinder::bind(const ModelMetadata &model, const QString &instanceId,
                                                    const TwinInputs &inputs) {
    std::vector<TwinFilledInput> entries;
    for (const ParameterSpec &p : model.parameters()) {
        if (!p.source.isEmpty()) entries.push_back(parameterEntry(p, instanceId, inputs));
    }
    for (const TableSpec &t : model.tables()) {
        if (t.source.isEmpty()) continue;
        TwinFilledInput entry;
        entry.model = instanceId;
        entry.target = t.id;
        entry.isTable = true;
        entry.source = t.source;
        QString provenance;
        if (const sim_api::Table *table = inputs.table(t.source, &provenance)) {
            entry.origin = TwinFilledInput::Origin::Twin;
            entry.value = static_cast<double>(table->x.size());
            entry.provenance = provenance;
            entry.note = QStringLiteral("%1 dose bins").arg(table->x.size());
        } else {
            entry.provenance = QStringLiteral("none: the model's fallback for a missing table (%1)").arg(t.description);
            entry.note = missingNote(inputs, t.source);
        }
        entries.push_back(entry);
    }
    return entries;
}

}  // namespace twin::simulation
