#pragma once
// The Twin dock's model catalogue: every model plugin the loader accepted (name, version,
// vendor), the parameter panel of the chosen one generated from its model.json, and the
// plugins it refused with the reason (API version, duplicate id, malformed metadata), so a
// plugin developer sees at once why a build did not show up. Which folders were searched is
// on the tooltip of the list.

#include "twin/simulation/PluginLoadResult.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QStackedWidget;

namespace twin::ui {

class ModelParameterPanel;

class TwinModelsPanel : public QWidget {
    Q_OBJECT
public:
    explicit TwinModelsPanel(const simulation::PluginLoadResult &plugins, QWidget *parent = nullptr);

    QComboBox *modelList() const { return models_; }
    /// The parameter panel of a loaded model, nullptr for an unknown id.
    ModelParameterPanel *parameterPanel(const QString &modelId) const;
    QLabel *refusedLabel() const { return refused_; }

signals:
    void parameterChanged(const QString &modelId, const QString &parameterId, double value);

private:
    QComboBox *models_ = nullptr;
    QStackedWidget *stack_ = nullptr;
    QLabel *refused_ = nullptr;
    QList<ModelParameterPanel *> panels_;
};

}  // namespace twin::ui
