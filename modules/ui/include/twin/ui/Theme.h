#pragma once
// Light and dark colour schemes on Qt's Fusion style (same look on every desktop; dark suits
// reading rooms). The choice is applied application-wide and persisted by MainWindow.

#include <QString>

namespace twin::ui {

enum class Theme { Light, Dark };

class ThemeManager {
public:
    static void apply(Theme theme);
    static Theme current();
    static QString key(Theme theme);  // "light" / "dark"
    static Theme fromKey(const QString &key, Theme fallback = Theme::Dark);
};

}  // namespace twin::ui
