#pragma once
// Help ▸ About: the product, its licence, and every third-party component with its version.

#include "twin/reporting/SoftwareInventory.h"

#include <QDialog>

class QLabel;

namespace twin::ui {

class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(const reporting::SoftwareInventory &inventory, QWidget *parent = nullptr);
    /// The text shown (tests read it).
    QString componentsText() const;

private:
    QLabel *components_ = nullptr;
};

}  // namespace twin::ui
