#include "twin/ui/TwinModelsPanel.h"

#include "twin/ui/ModelParameterPanel.h"

#include <QComboBox>
#include <QLabel>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace twin::ui {

TwinModelsPanel::TwinModelsPanel(const simulation::PluginLoadResult &plugins, QWidget *parent) : QWidget(parent) {
    auto *layout = new QVBoxLayout(this);
    auto *heading = new QLabel(tr("%n model(s) loaded", nullptr, static_cast<int>(plugins.models.size())), this);
    layout->addWidget(heading);
    models_ = new QComboBox(this);
    models_->setAccessibleName(tr("Model"));
    models_->setToolTip(tr("Model plugins searched in:\n%1").arg(plugins.scannedDirectories.join(QLatin1Char('\n'))));
    layout->addWidget(models_);
    stack_ = new QStackedWidget(this);
    for (const simulation::LoadedModel &model : plugins.models) {
        const simulation::ModelMetadata &m = *model.metadata;
        models_->addItem(QStringLiteral("%1 (%2 %3)").arg(m.name(), m.id(), m.version()), m.id());
        auto *panel = new ModelParameterPanel(model.metadata, stack_);
        connect(panel, &ModelParameterPanel::parameterChanged, this, &TwinModelsPanel::parameterChanged);
        auto *scroll = new QScrollArea(stack_);
        scroll->setWidgetResizable(true);
        scroll->setWidget(panel);
        stack_->addWidget(scroll);
        panels_.append(panel);
    }
    layout->addWidget(stack_, 1);
    connect(models_, &QComboBox::currentIndexChanged, stack_, &QStackedWidget::setCurrentIndex);
    if (plugins.models.empty()) {
        heading->setText(tr("No model plugins found. Built-in models live in the plugins/models folder next to the "
                            "program; your own go in the user plugin folder (see the tooltip)."));
        heading->setWordWrap(true);
    }
    refused_ = new QLabel(this);
    refused_->setWordWrap(true);
    refused_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QStringList lines;
    for (const simulation::RefusedPlugin &r : plugins.refused) lines << QStringLiteral("⚠ %1").arg(r.reason);
    refused_->setText(lines.isEmpty() ? QString() : tr("Refused plugins:\n%1").arg(lines.join(QLatin1Char('\n'))));
    refused_->setVisible(!lines.isEmpty());
    layout->addWidget(refused_);
}

ModelParameterPanel *TwinModelsPanel::parameterPanel(const QString &modelId) const {
    for (ModelParameterPanel *panel : panels_)
        if (panel->metadata().id() == modelId) return panel;
    return nullptr;
}

}  // namespace twin::ui
