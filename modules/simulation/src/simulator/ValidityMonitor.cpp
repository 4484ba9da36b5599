// ValidityMonitor: see ValidityMonitor.h.

#include "simulator/ValidityMonitor.h"

#include <cmath>

namespace twin::simulation {

namespace {
QString range(double min, double max, const QString &unit) {
    const QString u = unit == QLatin1String("1") ? QString() : QLatin1Char(' ') + unit;
    if (std::isinf(min)) return QStringLiteral("at most %1%2").arg(max).arg(u);
    if (std::isinf(max)) return QStringLiteral("at least %1%2").arg(min).arg(u);
    return QStringLiteral("[%1, %2]%3").arg(min).arg(max).arg(u);
}
}  // namespace

void ValidityMonitor::reset(const std::vector<std::unique_ptr<ModelInstance>> &models, const WarningLog &log) {
    checks_.assign(models.size(), {});
    for (std::size_t m = 0; m < models.size(); ++m) {
        ModelChecks &mc = checks_[m];
        mc.model = models[m].get();
        const std::vector<ValiditySpec> &rules = mc.model->metadata().validity();
        for (std::size_t r = 0; r < rules.size(); ++r) {
            const ValiditySpec &rule = rules[r];
            Check c{static_cast<int>(r), rule.index, rule.min, rule.max,
                    log.has(SimulationWarning::Kind::OutsideValidity, mc.model->id(), rule.subject)};
            if (rule.kind == ValiditySubjectKind::Input) mc.inputs.push_back(c);
            if (rule.kind == ValiditySubjectKind::Output) mc.outputs.push_back(c);
            if (rule.kind == ValiditySubjectKind::ActionAmount) mc.actions.push_back(c);
        }
    }
}

void ValidityMonitor::checkParameters(const std::vector<std::unique_ptr<ModelInstance>> &models, double timeDays,
                                      WarningLog &log) {
    for (const std::unique_ptr<ModelInstance> &model : models) {
        const ModelMetadata &meta = model->metadata();
        const std::span<const double> values = model->parameters();
        for (const ValiditySpec &rule : meta.validity()) {
            if (rule.kind != ValiditySubjectKind::Parameter) continue;
            const double v = values[static_cast<std::size_t>(rule.index)];
            if (v >= rule.min && v <= rule.max) continue;
            log.add({SimulationWarning::Kind::OutsideValidity, timeDays, model->id(), rule.subject,
                     QStringLiteral("%1: %2 = %3 is outside the validity range %4: %5")
                         .arg(model->id(), rule.subject)
                         .arg(v)
                         .arg(range(rule.min, rule.max, rule.unit), rule.message)});
        }
        for (std::size_t i = 0; i < meta.parameters().size(); ++i) {
            const ParameterSpec &p = meta.parameters()[i];
            if (values[i] >= p.min && values[i] <= p.max) continue;
            log.add({SimulationWarning::Kind::OutsideDeclaredRange, timeDays, model->id(),
                     QStringLiteral("parameter:%1").arg(p.id),
                     QStringLiteral("%1: parameter %2 = %3 is outside its declared range %4 (used as given)")
                         .arg(model->id(), p.id)
                         .arg(values[i])
                         .arg(range(p.min, p.max, p.unit))});
        }
    }
}

void ValidityMonitor::checkAction(int model, const sim_api::Action &action, double timeDays, WarningLog &log) {
    ModelChecks &mc = checks_[static_cast<std::size_t>(model)];
    for (Check &c : mc.actions) {
        if (c.retired) continue;
        const ValiditySpec &rule = mc.model->metadata().validity()[static_cast<std::size_t>(c.spec)];
        if (rule.actionKind != action.kind) continue;
        if (action.amount < c.min || action.amount > c.max) report(model, c, action.amount, timeDays, log);
    }
}

void ValidityMonitor::report(int model, Check &check, double value, double timeDays, WarningLog &log) {
    check.retired = true;
    const ModelInstance &instance = *checks_[static_cast<std::size_t>(model)].model;
    const ValiditySpec &rule = instance.metadata().validity()[static_cast<std::size_t>(check.spec)];
    log.add({SimulationWarning::Kind::OutsideValidity, timeDays, instance.id(), rule.subject,
             QStringLiteral("%1: %2 = %3 at t = %4 d is outside the validity range %5: %6")
                 .arg(instance.id(), rule.subject)
                 .arg(value)
                 .arg(timeDays, 0, 'g', 10)
                 .arg(range(rule.min, rule.max, rule.unit), rule.message)});
}

}  // namespace twin::simulation
