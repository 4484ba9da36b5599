#pragma once
// What a dock shows before it has content: what will appear here and how to get it. Twin and
// timeline docks start with one and replace it when their content exists.

#include <QWidget>

namespace twin::ui {

class EmptyStatePanel : public QWidget {
    Q_OBJECT
public:
    EmptyStatePanel(const QString &headline, const QString &explanation, QWidget *parent = nullptr);
};

}  // namespace twin::ui
