#include "twin/ui/ViewLayoutMode.h"

namespace twin::ui {

QString layoutModeKey(ViewLayoutMode mode) {
    switch (mode) {
    case ViewLayoutMode::TwoByTwo: return QStringLiteral("2x2");
    case ViewLayoutMode::OneByOne: return QStringLiteral("1x1");
    case ViewLayoutMode::OneByThree: return QStringLiteral("1x3");
    }
    return QStringLiteral("2x2");
}

ViewLayoutMode layoutModeFromKey(const QString &key, ViewLayoutMode fallback) {
    for (ViewLayoutMode mode : {ViewLayoutMode::TwoByTwo, ViewLayoutMode::OneByOne, ViewLayoutMode::OneByThree}) {
        if (layoutModeKey(mode) == key) return mode;
    }
    return fallback;
}

}  // namespace twin::ui
