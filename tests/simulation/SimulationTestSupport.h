#pragma once
// Helpers of the simulation tests: result look-ups and comparisons, the built test plugins
// (<build>/tests/plugins/<case>/, see plugins/CMakeLists.txt), instances of test_decay, and
// small models compiled into the test (no plugin) with their model.json given inline: an echo
// model (outputs = inputs), a model whose output turns NaN at a set time, a thread probe, a
// target probe and a no-op model for timing.

#include "twin/sim_api/IModel.h"
#include "twin/simulation/ModelInstance.h"
#include "twin/simulation/PluginLoader.h"
#include "twin/simulation/SimulationResult.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QThread>

#include <array>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>

namespace twin::test {

inline constexpr double kDt = 1.0 / 24.0;
inline constexpr double kDefaultK = 0.1;  // test_decay's default k_per_day

inline const std::vector<double> &values(const simulation::SimulationResult &r, const char *id) {
    static const std::vector<double> none;
    const simulation::OutputSeries *s = r.find(QString::fromLatin1(id));
    return s ? s->values : none;
}

inline bool nearlyEqual(double actual, double expected, double relative) {
    return std::abs(actual - expected) <= relative * std::max(1.0, std::abs(expected));
}

inline bool bitIdentical(const std::vector<double> &a, const double *b, std::size_t n) {
    return a.size() == n && std::memcmp(a.data(), b, n * sizeof(double)) == 0;
}

inline const simulation::SimulationWarning *warningFor(const simulation::SimulationResult &r,
                                                       simulation::SimulationWarning::Kind kind, const QString &model,
                                                       const QString &subject) {
    for (const simulation::SimulationWarning &w : r.warnings) {
        if (w.kind == kind && w.model == model && w.subject == subject) return &w;
    }
    return nullptr;
}

inline QString testPluginDir(const QString &testCase) {
    return QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/plugins/") + testCase);
}

/// test_decay, loaded once per test binary.
inline const simulation::PluginLoadResult &decayPlugin() {
    static const simulation::PluginLoadResult loaded = simulation::PluginLoader::load(
        {testPluginDir(QStringLiteral("good"))}, simulation::PluginLoader::DefaultFolders::Skip);
    return loaded;
}

/// A fresh test_decay instance (nullptr when the plugin did not load: check with QVERIFY).
inline std::unique_ptr<simulation::ModelInstance> decayInstance(const QString &instanceId = {}) {
    const simulation::LoadedModel *model = decayPlugin().find(QStringLiteral("test_decay"));
    if (!model) return nullptr;
    auto created = simulation::ModelInstance::create(*model, instanceId);
    return created.ok() ? std::move(created).value() : nullptr;
}

/// Metadata from a model.json text (nullptr when it does not parse: check with QVERIFY).
inline std::shared_ptr<const simulation::ModelMetadata> inlineMetadata(const char *json) {
    auto parsed = simulation::ModelMetadata::fromJson(QJsonDocument::fromJson(json).object(), QStringLiteral("inline"));
    if (!parsed.ok()) qCritical("%s", qPrintable(parsed.error().message()));
    return parsed.ok() ? std::make_shared<const simulation::ModelMetadata>(std::move(parsed).value()) : nullptr;
}

/// Outputs its inputs (as many outputs as inputs); accepts no action.
class EchoModel final : public sim_api::IModel {
public:
    void setParameters(std::span<const double>) noexcept override {}
    void setTable(std::size_t, const sim_api::Table &) noexcept override {}
    void initialise() noexcept override { held_.fill(0.0); }
    void setInputs(std::span<const double> values) noexcept override {
        for (std::size_t i = 0; i < values.size() && i < held_.size(); ++i) held_[i] = values[i];
    }
    void step(double) noexcept override {}
    bool apply(const sim_api::Action &) noexcept override { return false; }
    void outputs(std::span<double> out) const noexcept override {
        for (std::size_t i = 0; i < out.size() && i < held_.size(); ++i) out[i] = held_[i];
    }
    std::vector<double> saveState() const noexcept override { return {held_.begin(), held_.end()}; }
    bool restoreState(std::span<const double> state) noexcept override {
        if (state.size() != held_.size()) return false;
        std::copy(state.begin(), state.end(), held_.begin());
        return true;
    }

private:
    std::array<double, 4> held_{};
};

/// Output "value" = elapsed time τ (d) while τ < parameter "nan_at_days", NaN from then on.
/// Counts its step() calls.
class NanProbeModel final : public sim_api::IModel {
public:
    explicit NanProbeModel(std::shared_ptr<std::atomic<int>> steps) : steps_(std::move(steps)) {}
    void setParameters(std::span<const double> values) noexcept override { nanAt_ = values.empty() ? 1.0 : values[0]; }
    void setTable(std::size_t, const sim_api::Table &) noexcept override {}
    void initialise() noexcept override { tau_ = 0.0; }
    void setInputs(std::span<const double>) noexcept override {}
    void step(double dt) noexcept override {
        tau_ += dt;
        ++*steps_;
    }
    bool apply(const sim_api::Action &) noexcept override { return false; }
    void outputs(std::span<double> out) const noexcept override {
        out[0] = tau_ < nanAt_ - 1e-9 ? tau_ : std::numeric_limits<double>::quiet_NaN();
    }
    std::vector<double> saveState() const noexcept override { return {tau_}; }
    bool restoreState(std::span<const double> state) noexcept override {
        if (state.size() != 1) return false;
        tau_ = state[0];
        return true;
    }

private:
    std::shared_ptr<std::atomic<int>> steps_;
    double nanAt_ = 1.0;
    double tau_ = 0.0;
};

/// Records the thread that last called step(); output "steps" counts the calls.
class ThreadProbeModel final : public sim_api::IModel {
public:
    explicit ThreadProbeModel(std::shared_ptr<std::atomic<QThread *>> thread) : thread_(std::move(thread)) {}
    void setParameters(std::span<const double>) noexcept override {}
    void setTable(std::size_t, const sim_api::Table &) noexcept override {}
    void initialise() noexcept override { steps_ = 0.0; }
    void setInputs(std::span<const double>) noexcept override {}
    void step(double) noexcept override {
        thread_->store(QThread::currentThread());
        steps_ += 1.0;
    }
    bool apply(const sim_api::Action &) noexcept override { return false; }
    void outputs(std::span<double> out) const noexcept override { out[0] = steps_; }
    std::vector<double> saveState() const noexcept override { return {steps_}; }
    bool restoreState(std::span<const double> state) noexcept override {
        if (state.size() != 1) return false;
        steps_ = state[0];
        return true;
    }

private:
    std::shared_ptr<std::atomic<QThread *>> thread_;
    double steps_ = 0.0;
};

/// Accepts iv_bolus; output "target" says what target the last one carried: 1 its own model
/// id "target_probe", 0 none, -1 anything else.
class TargetProbeModel final : public sim_api::IModel {
public:
    void setParameters(std::span<const double>) noexcept override {}
    void setTable(std::size_t, const sim_api::Table &) noexcept override {}
    void initialise() noexcept override { seen_ = -2.0; }
    void setInputs(std::span<const double>) noexcept override {}
    void step(double) noexcept override {}
    bool apply(const sim_api::Action &action) noexcept override {
        seen_ = action.target == "target_probe" ? 1.0 : action.target.empty() ? 0.0 : -1.0;
        return true;
    }
    void outputs(std::span<double> out) const noexcept override { out[0] = seen_; }
    std::vector<double> saveState() const noexcept override { return {seen_}; }
    bool restoreState(std::span<const double> state) noexcept override {
        if (state.size() != 1) return false;
        seen_ = state[0];
        return true;
    }

private:
    double seen_ = -2.0;
};

/// Does nothing: for timing the simulator's own overhead.
class NoOpModel final : public sim_api::IModel {
public:
    void setParameters(std::span<const double>) noexcept override {}
    void setTable(std::size_t, const sim_api::Table &) noexcept override {}
    void initialise() noexcept override {}
    void setInputs(std::span<const double>) noexcept override {}
    void step(double) noexcept override {}
    bool apply(const sim_api::Action &) noexcept override { return false; }
    void outputs(std::span<double> out) const noexcept override { std::fill(out.begin(), out.end(), 1.0); }
    std::vector<double> saveState() const noexcept override { return {}; }
    bool restoreState(std::span<const double> state) noexcept override { return state.empty(); }
};

inline constexpr const char *kEchoJson = R"({
  "id": "echo", "name": "echo", "version": "1.0.0", "apiVersion": "1.0",
  "inputs": [ { "id": "signal", "unit": "mg/L", "from": "pk.concentration", "default": 0.25 } ],
  "outputs": [ { "id": "signal", "unit": "mg/L" } ]
})";

inline constexpr const char *kNanProbeJson = R"({
  "id": "nan_probe", "name": "nan probe", "version": "1.0.0", "apiVersion": "1.0",
  "parameters": [ { "id": "nan_at_days", "unit": "d", "default": 2.5, "min": 0, "max": 1000 } ],
  "outputs": [ { "id": "value", "unit": "d" } ]
})";

inline constexpr const char *kThreadProbeJson = R"({
  "id": "thread_probe", "name": "thread probe", "version": "1.0.0", "apiVersion": "1.0",
  "outputs": [ { "id": "steps", "unit": "1" } ]
})";

inline constexpr const char *kTargetProbeJson = R"({
  "id": "target_probe", "name": "target probe", "version": "1.0.0", "apiVersion": "1.0",
  "outputs": [ { "id": "target", "unit": "1" } ],
  "actions": [ "iv_bolus" ]
})";

inline constexpr const char *kNoOpJson = R"({
  "id": "noop", "name": "no-op", "version": "1.0.0", "apiVersion": "1.0",
  "inputs": [ { "id": "x", "unit": "mg/L", "default": 0 } ],
  "outputs": [ { "id": "a", "unit": "mg/L" }, { "id": "b", "unit": "1" }, { "id": "c", "unit": "1" } ]
})";

}  // namespace twin::test
