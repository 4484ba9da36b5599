#pragma once
// How the central view area is arranged.

#include <QString>

namespace twin::ui {

enum class ViewLayoutMode {
    TwoByTwo,   // axial, coronal / sagittal, 3D
    OneByOne,   // the active view alone
    OneByThree, // axial, coronal, sagittal in one row
};

QString layoutModeKey(ViewLayoutMode mode);  // stable settings key: "2x2", "1x1", "1x3"
ViewLayoutMode layoutModeFromKey(const QString &key, ViewLayoutMode fallback = ViewLayoutMode::TwoByTwo);

}  // namespace twin::ui
