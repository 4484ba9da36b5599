#include "twin/ui/ModelParameterPanel.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QRegularExpression>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace twin::ui {

namespace {

/// Decimals that show one step: 0.01 -> 2, 0.5 -> 1, 5 -> 0 (at most 6).
int decimalsFor(double step) {
    if (!(step > 0.0)) return 3;
    return std::clamp(static_cast<int>(std::ceil(-std::log10(step) - 1e-9)), 0, 6);
}

/// Fewest decimals (at most 10) that show `value` exactly as model.json wrote it (to 1e-9
/// relative): a spin box rounds to its decimals, so 5.074e-4 must not become 5.07e-4.
int decimalsToShow(double value) {
    for (int d = 0; d < 10; ++d) {
        const double scale = std::pow(10.0, d);
        if (std::abs(std::round(value * scale) / scale - value) <= 1e-9 * std::max(std::abs(value), 1e-300)) return d;
    }
    return 10;
}

/// A UCUM code as a clinician reads it: 10*9/L -> ×10⁹/L, umol -> µmol, mg.h/L -> mg·h/L.
QString displayUnit(QString unit) {
    static const std::pair<const char *, const char *> replacements[] = {
        {"10*9", "×10⁹"}, {"10*6", "×10⁶"}, {"10*3", "×10³"}, {"um", "µm"}, {"ug", "µg"}, {"uU", "µU"}, {"uL", "µL"}};
    for (const auto &[from, to] : replacements) unit.replace(QLatin1String(from), QString::fromUtf8(to));
    static const QRegularExpression product(QStringLiteral("(?<=[A-Za-z])\\.(?=[A-Za-z])"));  // not 1.73
    return unit.replace(product, QStringLiteral("·"));
}

QString sourceText(const QString &source) {
    if (source.startsWith(QLatin1String("covariate:"))) return QObject::tr("from the patient's record (%1)").arg(source.mid(10));
    if (source.startsWith(QLatin1String("organ:"))) return QObject::tr("from the organ twin (%1)").arg(source.mid(6));
    if (source.startsWith(QLatin1String("plan:"))) return QObject::tr("from the treatment plan (%1)").arg(source.mid(5));
    return source;
}

QString tooltipFor(const simulation::ParameterSpec &p) {
    QStringList lines{QStringLiteral("<b>%1</b> (%2)").arg(p.label.toHtmlEscaped(), p.id)};
    if (!p.description.isEmpty()) lines << p.description.toHtmlEscaped();
    lines << QObject::tr("Default %1 %2, range %3 – %4").arg(p.defaultValue).arg(p.unit).arg(p.min).arg(p.max);
    if (!p.reference.isEmpty()) lines << QObject::tr("Source: %1").arg(p.reference.toHtmlEscaped());
    if (!p.source.isEmpty()) lines << QObject::tr("For a patient: %1").arg(sourceText(p.source));
    if (p.calibratable)
        lines << QObject::tr("Calibrated to the patient's data (log-normal prior, CV %1 %)").arg(100.0 * p.priorCv, 0, 'f', 0);
    return lines.join(QStringLiteral("<br>"));
}

}  // namespace

ModelParameterPanel::ModelParameterPanel(std::shared_ptr<const simulation::ModelMetadata> metadata, QWidget *parent)
    : QWidget(parent), metadata_(std::move(metadata)) {
    auto *layout = new QVBoxLayout(this);
    auto *title = new QLabel(QStringLiteral("<b>%1</b> %2").arg(metadata_->name().toHtmlEscaped(), metadata_->version()), this);
    title->setToolTip(metadata_->description() + QStringLiteral("\n\n") + metadata_->references().join(QLatin1Char('\n')));
    layout->addWidget(title);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(form);
    const auto &parameters = metadata_->parameters();
    for (int i = 0; i < static_cast<int>(parameters.size()); ++i) {
        const simulation::ParameterSpec &p = parameters[static_cast<std::size_t>(i)];
        auto *field = new QWidget(this);
        auto *row = new QHBoxLayout(field);
        row->setContentsMargins(0, 0, 0, 0);
        QAbstractSpinBox *editor = nullptr;
        const QString suffix = p.unit == QLatin1String("1") ? QString() : QLatin1Char(' ') + displayUnit(p.unit);
        if (p.kind == simulation::ParameterKind::Integer) {
            auto *box = new QSpinBox(field);
            box->setRange(static_cast<int>(std::ceil(p.min)), static_cast<int>(std::floor(p.max)));
            box->setSingleStep(p.step > 0.0 ? std::max(1, static_cast<int>(p.step)) : 1);
            box->setValue(static_cast<int>(std::lround(p.defaultValue)));
            box->setSuffix(suffix);
            connect(box, &QSpinBox::valueChanged, this, [this, id = p.id](int v) { onEdited(id, v); });
            editor = box;
        } else {
            auto *box = new QDoubleSpinBox(field);
            const double step = p.step > 0.0 ? p.step : std::max((p.max - p.min) / 100.0, 1e-6);
            box->setDecimals(std::max({decimalsFor(step), decimalsToShow(p.defaultValue), decimalsToShow(p.min),
                                       decimalsToShow(p.max)}));
            box->setRange(p.min, p.max);
            box->setSingleStep(step);
            box->setValue(p.defaultValue);
            box->setSuffix(suffix);
            box->setKeyboardTracking(false);  // a typed number counts when complete (Enter, focus out)
            connect(box, &QDoubleSpinBox::valueChanged, this, [this, id = p.id](double v) { onEdited(id, v); });
            editor = box;
        }
        editor->setToolTip(tooltipFor(p));
        editor->setAccessibleName(p.label);
        editor->setObjectName(p.id);
        auto *reset = new QToolButton(field);
        reset->setText(QStringLiteral("↺"));
        reset->setToolTip(tr("Back to the default, %1 %2").arg(p.defaultValue).arg(p.unit));
        connect(reset, &QToolButton::clicked, this, [this, id = p.id, value = p.defaultValue] { setValue(id, value); });
        row->addWidget(editor, 1);
        row->addWidget(reset);
        auto *label = new QLabel(p.label, this);
        label->setToolTip(editor->toolTip());
        label->setBuddy(editor);
        form->addRow(label, field);
        auto *note = new QLabel(this);
        note->setWordWrap(true);
        note->hide();
        form->addRow(QString(), note);
        rows_.insert(p.id, {editor, note, i});
        updateNote(p.id, p.defaultValue);
    }
    layout->addStretch();
}

double ModelParameterPanel::value(const QString &parameterId) const {
    const auto it = rows_.constFind(parameterId);
    if (it == rows_.cend()) return std::nan("");
    if (auto *box = qobject_cast<QDoubleSpinBox *>(it->editor)) return box->value();
    return static_cast<QSpinBox *>(it->editor)->value();
}

bool ModelParameterPanel::setValue(const QString &parameterId, double value) {
    const auto it = rows_.constFind(parameterId);
    if (it == rows_.cend()) return false;
    if (auto *box = qobject_cast<QDoubleSpinBox *>(it->editor)) box->setValue(value);
    else static_cast<QSpinBox *>(it->editor)->setValue(static_cast<int>(std::lround(value)));
    return true;
}

void ModelParameterPanel::resetToDefaults() {
    for (const simulation::ParameterSpec &p : metadata_->parameters()) setValue(p.id, p.defaultValue);
}

QAbstractSpinBox *ModelParameterPanel::editor(const QString &parameterId) const {
    const auto it = rows_.constFind(parameterId);
    return it == rows_.cend() ? nullptr : it->editor;
}

QString ModelParameterPanel::validityNote(const QString &parameterId) const {
    const auto it = rows_.constFind(parameterId);
    return it == rows_.cend() || it->note->isHidden() ? QString() : it->note->text();
}

void ModelParameterPanel::onEdited(const QString &parameterId, double value) {
    updateNote(parameterId, value);
    emit parameterChanged(metadata_->id(), parameterId, value);
}

void ModelParameterPanel::updateNote(const QString &parameterId, double value) {
    const Row &row = rows_[parameterId];
    QStringList notes;
    for (const simulation::ValiditySpec &rule : metadata_->validity()) {
        if (rule.kind != simulation::ValiditySubjectKind::Parameter || rule.index != row.index) continue;
        if (value >= rule.min && value <= rule.max) continue;
        notes << tr("⚠ outside the validated range %1 – %2 %3: %4").arg(rule.min).arg(rule.max).arg(displayUnit(rule.unit), rule.message);
    }
    row.note->setText(notes.join(QLatin1Char('\n')));
    row.note->setVisible(!notes.isEmpty());
}

}  // namespace twin::ui
