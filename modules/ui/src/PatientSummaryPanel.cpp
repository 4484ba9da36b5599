#include "twin/ui/PatientSummaryPanel.h"

#include "twin/ui/SparklineWidget.h"

#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace twin::ui {

namespace {

QString formatNumber(double value) {
    const double magnitude = std::abs(value);
    return QString::number(value, 'f', magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2);
}

QLabel *sectionTitle(const QString &text, QWidget *parent) {
    auto *label = new QLabel(QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()), parent);  // owned by parent
    label->setContentsMargins(0, 6, 0, 0);
    return label;
}

QTableWidget *makeTable(const QStringList &headers, QWidget *parent) {
    auto *table = new QTableWidget(0, static_cast<int>(headers.size()), parent);  // owned by parent
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->setWordWrap(true);
    table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    return table;
}

}  // namespace

PatientSummaryPanel::PatientSummaryPanel(QWidget *parent) : QWidget(parent) {
    auto *outer = new QVBoxLayout(this);  // owned by this widget
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(6, 6, 6, 6);
    header_ = new QLabel(content);
    header_->setObjectName(QStringLiteral("summaryHeader"));
    header_->setWordWrap(true);
    header_->setTextFormat(Qt::RichText);
    diagnoses_ = new QLabel(content);
    diagnoses_->setWordWrap(true);
    medications_ = new QLabel(content);
    medications_->setWordWrap(true);
    imagingLink_ = new QLabel(content);
    imagingLink_->setObjectName(QStringLiteral("imagingLink"));
    imagingLink_->setWordWrap(true);
    imagingLink_->setTextFormat(Qt::RichText);
    importNotes_ = new QLabel(content);
    importNotes_->setObjectName(QStringLiteral("importNotes"));
    importNotes_->setWordWrap(true);
    importNotes_->setTextFormat(Qt::RichText);
    // Dates, sources and methods live in tooltips: the dock is narrow, and a clinician scans
    // name → trend → value; provenance is one hover away.
    labs_ = makeTable({tr("Lab"), tr("Trend"), tr("Latest")}, content);
    labs_->setObjectName(QStringLiteral("keyLabs"));
    covariates_ = makeTable({tr("Covariate"), tr("Value")}, content);
    covariates_->setObjectName(QStringLiteral("covariates"));
    layout->addWidget(header_);
    layout->addWidget(imagingLink_);
    layout->addWidget(importNotes_);
    layout->addWidget(sectionTitle(tr("Diagnoses"), content));
    layout->addWidget(diagnoses_);
    layout->addWidget(sectionTitle(tr("Current medications"), content));
    layout->addWidget(medications_);
    layout->addWidget(sectionTitle(tr("Key labs"), content));
    layout->addWidget(labs_);
    layout->addWidget(sectionTitle(tr("Model covariates"), content));
    layout->addWidget(covariates_);
    layout->addStretch();
    scroll->setWidget(content);
    outer->addWidget(scroll);
    clear();
}

void PatientSummaryPanel::clear() {
    header_->setText(tr("<i>No health record loaded.</i>"));
    diagnoses_->setText(tr("—"));
    medications_->setText(tr("—"));
    imagingLink_->clear();
    importNotes_->clear();
    importNotes_->setToolTip({});
    importNotes_->hide();
    labs_->setRowCount(0);
    covariates_->setRowCount(0);
}

void PatientSummaryPanel::showImagingLink(const QString &text, const QStringList &warnings) {
    QString html = text.toHtmlEscaped();
    for (const QString &warning : warnings) html += QStringLiteral("<br><span style='color:#e0a030'>⚠ %1</span>").arg(warning.toHtmlEscaped());
    imagingLink_->setText(html);
}

void PatientSummaryPanel::showSummary(const ehr::PatientSummary &summary) {
    constexpr int kNotesShown = 3;
    importNotes_->setVisible(!summary.warnings.isEmpty());
    if (!summary.warnings.isEmpty()) {
        QString html = QStringLiteral("<span style='color:#e0a030'>⚠ %1</span>")
                           .arg(tr("%n import note(s)", nullptr, static_cast<int>(summary.warnings.size())));
        for (const QString &warning : summary.warnings.mid(0, kNotesShown)) {
            html += QStringLiteral("<br>· %1").arg(warning.toHtmlEscaped());
        }
        if (summary.warnings.size() > kNotesShown) html += tr("<br>… (hover for all)");
        importNotes_->setText(html);
        importNotes_->setToolTip(summary.warnings.join(QLatin1Char('\n')));
    }
    QString age;
    for (const ehr::Covariate &covariate : summary.covariates) {
        if (covariate.name == QStringLiteral("age") && covariate.known && covariate.value) {
            age = tr("%1 y").arg(static_cast<int>(*covariate.value));
        }
    }
    header_->setText(QStringLiteral("<span style='font-size:13pt'><b>%1</b></span><br>%2 · %3 · born %4<br>ID %5")
                         .arg(summary.displayName.toHtmlEscaped(), summary.sex.toHtmlEscaped(),
                              age.isEmpty() ? tr("age unknown") : age,
                              summary.birthDate ? summary.birthDate->toString(Qt::ISODate) : tr("unknown"),
                              summary.patientId.toHtmlEscaped()));
    diagnoses_->setText(summary.diagnoses.isEmpty() ? tr("No cancer diagnosis recorded.") : summary.diagnoses.join(QLatin1Char('\n')));
    medications_->setText(summary.currentMedications.isEmpty() ? tr("None active.") : summary.currentMedications.join(QLatin1Char('\n')));

    labs_->setRowCount(static_cast<int>(summary.keyLabs.size()));
    for (int row = 0; row < summary.keyLabs.size(); ++row) {
        const ehr::LabSeries &lab = summary.keyLabs[row];
        const ehr::LabSeries::Point &latest = lab.points.last();
        labs_->setItem(row, 0, new QTableWidgetItem(lab.label));  // owned by the table
        auto *sparkline = new SparklineWidget(labs_);             // owned by the table
        QList<SparklineWidget::Point> points;
        for (const ehr::LabSeries::Point &p : lab.points) points << SparklineWidget::Point{p.time, p.value};
        sparkline->setPoints(points);
        sparkline->setReferenceRange(lab.referenceLow, lab.referenceHigh);
        sparkline->setToolTip(tr("%n value(s)", nullptr, static_cast<int>(lab.points.size())));
        labs_->setCellWidget(row, 1, sparkline);
        auto *value = new QTableWidgetItem(QStringLiteral("%1 %2").arg(formatNumber(latest.value), lab.unit));
        value->setToolTip(tr("%1 on %2\nSource: %3")
                              .arg(lab.label, latest.time.date().toString(Qt::ISODate), latest.source));
        labs_->setItem(row, 2, value);
    }

    covariates_->setRowCount(static_cast<int>(summary.covariates.size()));
    for (int row = 0; row < summary.covariates.size(); ++row) {
        const ehr::Covariate &c = summary.covariates[row];
        // Categorical and list covariates carry their meaning in the text (a list's value is its count).
        QString value = !c.known             ? tr("unknown")
                        : !c.text.isEmpty() ? c.text
                        : c.value           ? QStringLiteral("%1 %2").arg(formatNumber(*c.value), c.unit).trimmed()
                                            : QString();
        if (c.usesPopulationDefault) value += tr(" (population default)");
        auto *name = new QTableWidgetItem(c.name);
        auto *valueItem = new QTableWidgetItem(value);
        const QString tip = QStringLiteral("<b>%1</b><br>Value: %2<br>Source: %3<br>Date: %4<br>Method: %5%6")
                                .arg(c.name.toHtmlEscaped(), value.toHtmlEscaped(), c.source.toHtmlEscaped(),
                                     c.date.isValid() ? c.date.toString(Qt::ISODate) : tr("—"), c.method.toHtmlEscaped(),
                                     c.note.isEmpty() ? QString() : QStringLiteral("<br>Note: %1").arg(c.note.toHtmlEscaped()));
        for (QTableWidgetItem *item : {name, valueItem}) {
            item->setToolTip(tip);
            if (!c.known) item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
        }
        covariates_->setItem(row, 0, name);
        covariates_->setItem(row, 1, valueItem);
    }
    labs_->resizeColumnsToContents();
    labs_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    labs_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    covariates_->resizeColumnsToContents();
    covariates_->resizeRowsToContents();
}

}  // namespace twin::ui
