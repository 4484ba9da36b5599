#pragma once
// The parameters of one model, generated from its model.json (never hand-built per model):
// one row per parameter with its label and unit, a spin box bounded by the declared min/max
// and stepped by the declared step (an integer box for "kind": "integer"), the default on a
// reset button, and a tooltip with the description, the literature reference, where the value
// comes from for a patient (covariate, organ twin, plan) and whether it is calibrated. Values
// outside a validity range of the model (not the hard min/max) are accepted, and the row says
// so with the model's own message: the clinician sees the model leaving its validated ground.

#include "twin/simulation/ModelMetadata.h"

#include <QHash>
#include <QWidget>

#include <memory>

class QAbstractSpinBox;
class QLabel;

namespace twin::ui {

class ModelParameterPanel : public QWidget {
    Q_OBJECT
public:
    explicit ModelParameterPanel(std::shared_ptr<const simulation::ModelMetadata> metadata, QWidget *parent = nullptr);

    const simulation::ModelMetadata &metadata() const { return *metadata_; }
    double value(const QString &parameterId) const;
    /// Sets a value as if typed (bounded by min/max); false for an unknown id.
    bool setValue(const QString &parameterId, double value);
    void resetToDefaults();
    QAbstractSpinBox *editor(const QString &parameterId) const;
    /// The validity note beside a parameter ("" when within its validated range).
    QString validityNote(const QString &parameterId) const;

signals:
    void parameterChanged(const QString &modelId, const QString &parameterId, double value);

private:
    struct Row {
        QAbstractSpinBox *editor = nullptr;
        QLabel *note = nullptr;
        int index = -1;
    };
    void onEdited(const QString &parameterId, double value);
    void updateNote(const QString &parameterId, double value);

    std::shared_ptr<const simulation::ModelMetadata> metadata_;
    QHash<QString, Row> rows_;
};

}  // namespace twin::ui
