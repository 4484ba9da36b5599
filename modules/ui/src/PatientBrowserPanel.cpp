#include "twin/ui/PatientBrowserPanel.h"

#include "twin/phantom/DemoPatient.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace twin::ui {

PatientBrowserPanel::PatientBrowserPanel(QWidget *parent) : QWidget(parent) {
    auto *layout = new QVBoxLayout(this);  // owned by this widget
    layout->setContentsMargins(4, 4, 4, 4);
    emptyHint_ = new QLabel(tr("No patient open.\nFile ▸ Open Demo Patient (Ctrl+Shift+D)."), this);
    emptyHint_->setAlignment(Qt::AlignCenter);
    emptyHint_->setWordWrap(true);
    tree_ = new QTreeWidget(this);
    tree_->setObjectName(QStringLiteral("patientTree"));
    tree_->setColumnCount(2);
    tree_->setHeaderLabels({tr("Item"), tr("Details")});
    tree_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    layout->addWidget(emptyHint_);
    layout->addWidget(tree_);
    clear();
}

void PatientBrowserPanel::clear() {
    tree_->clear();
    tree_->hide();
    emptyHint_->show();
}

void PatientBrowserPanel::showDemoPatient(const phantom::DemoPatient &patient) {
    tree_->clear();
    const phantom::DemoPatientIdentity &id = patient.identity;
    auto *patientItem = new QTreeWidgetItem(tree_, {QStringLiteral("%1, %2").arg(id.familyName, id.givenName),
                                                    QStringLiteral("%1 · %2 · born %3").arg(id.patientId, id.sex, id.birthDate)});
    auto *study = new QTreeWidgetItem(patientItem, {tr("Study"), tr("Demo thorax CT with RT plan")});
    const core::VolumeGeometry &g = patient.ct.geometry();
    new QTreeWidgetItem(study, {QStringLiteral("CT"), tr("%1 slices · %2×%3 · %4 mm")
                                                          .arg(g.dimensions[2]).arg(g.dimensions[0]).arg(g.dimensions[1])
                                                          .arg(g.spacingMm[2])});
    new QTreeWidgetItem(study, {QStringLiteral("RTSTRUCT"), tr("%n structures", nullptr, static_cast<int>(patient.structures.size()))});
    new QTreeWidgetItem(study, {QStringLiteral("RTDOSE"), tr("%1 Gy in %2 fractions").arg(patient.prescriptionGy).arg(patient.fractions)});
    auto *ehr = new QTreeWidgetItem(patientItem, {tr("EHR"), tr("FHIR R4 bundle")});
    ehr->setToolTip(1, patient.files.fhirBundlePath);
    tree_->expandAll();
    emptyHint_->hide();
    tree_->show();
}

void PatientBrowserPanel::showRecordPatient(const QString &name, const QString &details, const QString &sourcePath,
                                            const QMap<QString, int> &countsByType) {
    tree_->clear();
    auto *patientItem = new QTreeWidgetItem(tree_, {name, details});  // owned by the tree
    int total = 0;
    for (const int count : countsByType) total += count;
    auto *ehr = new QTreeWidgetItem(patientItem, {tr("EHR"), tr("%n resource(s)", nullptr, total)});
    ehr->setToolTip(1, sourcePath);
    for (auto it = countsByType.cbegin(); it != countsByType.cend(); ++it) {
        new QTreeWidgetItem(ehr, {it.key(), QString::number(it.value())});
    }
    new QTreeWidgetItem(patientItem, {tr("Images"), tr("none open")});
    tree_->expandToDepth(0);
    emptyHint_->hide();
    tree_->show();
}

}  // namespace twin::ui
