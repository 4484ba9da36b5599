#include "twin/ui/EmptyStatePanel.h"

#include <QLabel>
#include <QVBoxLayout>

namespace twin::ui {

EmptyStatePanel::EmptyStatePanel(const QString &headline, const QString &explanation, QWidget *parent)
    : QWidget(parent) {
    auto *layout = new QVBoxLayout(this);  // owned by this widget
    auto *label = new QLabel(QStringLiteral("<b>%1</b><br>%2").arg(headline.toHtmlEscaped(), explanation.toHtmlEscaped()), this);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    layout->addStretch();
    layout->addWidget(label);
    layout->addStretch();
}

}  // namespace twin::ui
