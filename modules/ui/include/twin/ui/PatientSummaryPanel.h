#pragma once
// Patient summary dock: who (name, sex, age, birth date, id), cancer diagnoses with stage,
// current medications, key labs with sparklines and their latest value, and model covariates
// with provenance (source, method, date) on hover. Unknown covariates say why.

#include "twin/ehr/PatientSummary.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace twin::ui {

class PatientSummaryPanel : public QWidget {
    Q_OBJECT
public:
    explicit PatientSummaryPanel(QWidget *parent = nullptr);
    void showSummary(const ehr::PatientSummary &summary);
    void clear();
    /// How the record links to the loaded images; contradictions shown as warnings.
    void showImagingLink(const QString &text, const QStringList &warnings);

    QLabel *header() const { return header_; }
    QLabel *diagnoses() const { return diagnoses_; }
    QLabel *medications() const { return medications_; }
    QLabel *imagingLink() const { return imagingLink_; }
    /// Import problems that did not stop the import (first few shown, all in the tooltip).
    QLabel *importNotes() const { return importNotes_; }
    QTableWidget *labs() const { return labs_; }
    QTableWidget *covariates() const { return covariates_; }

private:
    QLabel *header_ = nullptr;
    QLabel *diagnoses_ = nullptr;
    QLabel *medications_ = nullptr;
    QLabel *imagingLink_ = nullptr;
    QLabel *importNotes_ = nullptr;
    QTableWidget *labs_ = nullptr;
    QTableWidget *covariates_ = nullptr;
};

}  // namespace twin::ui
