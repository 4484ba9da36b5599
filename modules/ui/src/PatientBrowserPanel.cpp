#include "twin/ui/PatientBrowserPanel.h"

#include "twin/dicom/SeriesExamination.h"
#include "twin/ui/LoadedDicomFolder.h"
#include "twin/ui/SeriesOverview.h"

#include <QDate>
#include <QHeaderView>
#include <QIcon>
#include <QPixmap>
#include <QLabel>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

namespace twin::ui {

namespace {

constexpr int kSeriesUidRole = Qt::UserRole + 1;
constexpr int kLoadableRole = Qt::UserRole + 2;  // on loadable items: the index (series UID on the parent)

QString dicomDate(const QString &yyyymmdd) {
    const QDate date = QDate::fromString(yyyymmdd, QStringLiteral("yyyyMMdd"));
    return date.isValid() ? date.toString(Qt::ISODate) : yyyymmdd;
}

}  // namespace

PatientBrowserPanel::PatientBrowserPanel(QWidget *parent) : QWidget(parent) {
    auto *layout = new QVBoxLayout(this);  // owned by this widget
    layout->setContentsMargins(4, 4, 4, 4);
    emptyHint_ = new QLabel(this);
    emptyHint_->setAlignment(Qt::AlignCenter);
    emptyHint_->setWordWrap(true);
    tree_ = new QTreeWidget(this);
    tree_->setObjectName(QStringLiteral("patientTree"));
    tree_->setColumnCount(2);
    tree_->setHeaderLabels({tr("Item"), tr("Details")});
    tree_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    tree_->setIconSize(QSize(SeriesOverview::kThumbnailSize, SeriesOverview::kThumbnailSize));
    connect(tree_, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QVariant loadable = item->data(0, kLoadableRole);
        if (loadable.isValid() && item->parent()) {
            emit loadableActivated(item->parent()->data(0, kSeriesUidRole).toString(), loadable.toInt());
            return;
        }
        const QString uid = item->data(0, kSeriesUidRole).toString();
        if (!uid.isEmpty()) emit seriesActivated(uid);
    });
    layout->addWidget(emptyHint_);
    layout->addWidget(tree_);
    clear();
}

void PatientBrowserPanel::clear() {
    emptyHint_->setText(tr("No patient open.\nFile ▸ Open DICOM Folder (Ctrl+O)\nor Open Demo Patient (Ctrl+Shift+D)."));
    tree_->clear();
    tree_->hide();
    emptyHint_->show();
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

void PatientBrowserPanel::showDicomFolder(const LoadedDicomFolder &folder) {
    tree_->clear();
    for (const LoadedDicomFolder::Patient &patient : folder.patients) {
        const dicom::IndexedPatient &p = patient.patient;
        QString name = p.name;
        name.replace(QLatin1Char('^'), QStringLiteral(", "));
        QStringList details{p.patientId};
        if (!p.sex.isEmpty()) details << p.sex;
        if (!p.birthDate.isEmpty()) details << tr("born %1").arg(dicomDate(p.birthDate));
        auto *patientItem = new QTreeWidgetItem(tree_, {name.isEmpty() ? tr("(no name)") : name,  // owned by the tree
                                                        details.join(QStringLiteral(" · "))});
        for (const LoadedDicomFolder::Study &study : patient.studies) {
            const QString title = study.study.description.isEmpty() ? tr("Study") : study.study.description;
            auto *studyItem = new QTreeWidgetItem(patientItem, {title, QStringLiteral("%1 · %2").arg(dicomDate(study.study.date),
                                                                          tr("%n series", nullptr, study.study.seriesCount))});
            studyItem->setToolTip(0, study.study.studyInstanceUid);
            for (const dicom::IndexedSeries &series : study.series) {
                QString label = series.number > 0 ? QStringLiteral("%1 #%2").arg(series.modality).arg(series.number) : series.modality;
                const auto found = folder.overviews.constFind(series.seriesInstanceUid);
                const SeriesOverview *overview = found != folder.overviews.constEnd() ? &found.value() : nullptr;
                const bool warned = overview && !overview->warnings.isEmpty();
                // Two lines beside the thumbnail: what it is (⚠ when it needs attention), then its size.
                if (warned) label += QStringLiteral("  ⚠");
                if (overview && !overview->sizeText().isEmpty()) label += QLatin1Char('\n') + overview->sizeText();
                QStringList parts;
                if (!series.description.isEmpty()) parts << series.description;
                parts << tr("%n file(s)", nullptr, series.instanceCount);
                const QString detail = parts.join(QStringLiteral(" · "));
                QString tooltip = tr("Double-click to open\n%1").arg(series.seriesInstanceUid);
                if (overview && overview->loadables > 1) tooltip += QLatin1Char('\n') + tr("%n loadable(s)", nullptr, overview->loadables);
                if (warned) tooltip += QLatin1Char('\n') + tr("Warnings:") + QStringLiteral("\n• ") + overview->warnings.join(QStringLiteral("\n• "));
                auto *seriesItem = new QTreeWidgetItem(studyItem, {label, detail});
                seriesItem->setData(0, kSeriesUidRole, series.seriesInstanceUid);
                seriesItem->setToolTip(0, tooltip);
                seriesItem->setToolTip(1, detail);
                if (warned) seriesItem->setForeground(0, QColor(0xe0, 0xa0, 0x30));
                if (overview && !overview->thumbnail.isNull()) seriesItem->setIcon(0, QIcon(QPixmap::fromImage(overview->thumbnail)));
            }
        }
    }
    if (!folder.problems.isEmpty()) {
        auto *problems = new QTreeWidgetItem(tree_, {tr("Unreadable files"), tr("%n file(s)", nullptr, static_cast<int>(folder.problems.size()))});
        problems->setForeground(0, QColor(0xe0, 0xa0, 0x30));
        for (const dicom::IndexProblem &problem : folder.problems) {
            auto *item = new QTreeWidgetItem(problems, {problem.path.section(QLatin1Char('/'), -1), problem.reason});
            item->setToolTip(0, problem.path);
            item->setToolTip(1, problem.reason);
        }
    }
    tree_->expandToDepth(1);
    emptyHint_->setVisible(folder.patients.isEmpty() && folder.problems.isEmpty());
    if (emptyHint_->isVisible()) emptyHint_->setText(tr("No DICOM images in %1.").arg(folder.root));
    tree_->setVisible(!emptyHint_->isVisible());
}

void PatientBrowserPanel::showSeriesLoadables(const QString &seriesInstanceUid, const dicom::SeriesExamination &examination,
                                              int shown) {
    QTreeWidgetItem *series = seriesItem(seriesInstanceUid);
    if (!series) return;
    qDeleteAll(series->takeChildren());
    if (examination.loadables.size() < 2) return;
    for (int i = 0; i < examination.loadables.size(); ++i) {
        const dicom::SeriesLoadable &loadable = examination.loadables.at(i);
        const QString mark = i == shown ? QStringLiteral("▶ ") : QString();
        auto *item = new QTreeWidgetItem(series, {mark + loadable.name,  // owned by the tree
                                                  tr("%1% · %2").arg(qRound(loadable.confidence * 100)).arg(loadable.reason)});
        item->setData(0, kLoadableRole, i);
        item->setToolTip(1, loadable.reason);
        item->setToolTip(0, tr("Double-click to open this part of the series"));
    }
    series->setExpanded(true);
}

QTreeWidgetItem *PatientBrowserPanel::seriesItem(const QString &seriesInstanceUid) const {
    for (QTreeWidgetItemIterator it(tree_); *it; ++it) {
        if ((*it)->data(0, kSeriesUidRole).toString() == seriesInstanceUid) return *it;
    }
    return nullptr;
}

}  // namespace twin::ui
