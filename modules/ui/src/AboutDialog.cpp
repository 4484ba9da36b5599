#include "twin/ui/AboutDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

namespace twin::ui {

AboutDialog::AboutDialog(const reporting::SoftwareInventory &inventory, QWidget *parent) : QDialog(parent) {
    setWindowTitle(tr("About Didymos"));
    auto *layout = new QVBoxLayout(this);  // owned by this dialog
    auto *title = new QLabel(tr("<h2>Didymos %1</h2><p>Clinical twin workstation.<br>"
                                "Apache License 2.0. Not for clinical use without validation.</p>")
                                 .arg(QStringLiteral(DIDYMOS_VERSION)),
                             this);
    layout->addWidget(title);
    QString rows;
    for (const reporting::SoftwareComponent &component : inventory.components()) {
        rows += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td><td>%3</td></tr>")
                    .arg(component.name.toHtmlEscaped(), component.version.toHtmlEscaped(),
                         component.licence.toHtmlEscaped());
    }
    components_ = new QLabel(QStringLiteral("<table cellspacing=6>%1</table>").arg(rows), this);
    components_->setObjectName(QStringLiteral("aboutComponents"));
    components_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(components_);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString AboutDialog::componentsText() const { return components_->text(); }

}  // namespace twin::ui
