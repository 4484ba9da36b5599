#pragma once
// A multi-label segmentation bound to its reference volume: one labelmap on the reference's
// grid (0 = background, each segment one value) and the segments' names, colours, optional
// terminology codes, visibility and opacity. Created empty, or imported from the LabelMaps of
// an RTSTRUCT or SEG (overlapping structures: the smaller one wins where they overlap, so a
// GTV inside a PTV stays visible, the way the demo's labelmap keeps the innermost).
//
// Every change goes through the undo stack: voxel edits as LabelmapDelta (changed voxels
// only), segment additions/removals/renames as their own commands. labelsChanged() tells
// views and the mesh cache which label values changed and where, so only those are redrawn
// and re-meshed. Lives on the GUI thread; tools compute masks on workers and call edit().

#include "twin/core/LabelMap.h"
#include "twin/core/Result.h"
#include "twin/core/ScalarVolume.h"
#include "twin/imaging/LabelmapDelta.h"
#include "twin/imaging/SegmentEdit.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUndoStack>

#include <optional>

namespace twin::imaging {

struct Segment {
    int value = 0;
    QString name;
    std::array<int, 3> rgb{255, 255, 255};
    std::optional<core::CodedConcept> type;
    bool visible = true;
    double opacity = 1.0;
};

class Segmentation : public QObject {
    Q_OBJECT
public:
    explicit Segmentation(const core::VolumeGeometry &reference, QObject *parent = nullptr);

    /// Imports structures (each LabelMap's label 1, as the RTSTRUCT/SEG readers give them)
    /// as segments, without an undo step: this is the starting state. Structures whose grid
    /// differs from the reference are refused with their name in the error.
    core::Status importStructures(const QList<core::LabelMap> &structures);

    const core::ScalarVolume &labels() const { return labels_; }
    const QList<Segment> &segments() const { return segments_; }
    const Segment *segment(int value) const;
    QUndoStack &undoStack() { return undoStack_; }

    /// Adds a segment (undoable); returns its label value (the lowest unused one).
    int addSegment(const QString &name, const std::array<int, 3> &rgb);
    /// Removes a segment and clears its voxels (one undo step).
    void removeSegment(int value);
    void renameSegment(int value, const QString &name);
    /// Display properties: not undo steps (as in 3D Slicer), but signalled.
    void setVisible(int value, bool visible);
    void setOpacity(int value, double opacity);

    /// Paints `mask` with segment `value` as one undo step named `description`; returns
    /// false (and pushes nothing) when nothing would change or the value is not a segment.
    bool edit(const QString &description, const VolumeMask &mask, int value, PaintMode mode, const IndexBox &within = {});
    bool apply(const SegmentEdit &edit) { return this->edit(edit.description, edit.mask, edit.value, edit.mode, edit.within); }
    /// Replaces the whole labelmap by `edited` as one undo step (logical operations, presets).
    bool replace(const QString &description, const std::vector<std::int16_t> &edited);

    /// Used by the undo commands; not for tools (they go through edit()).
    void applyDelta(const LabelmapDelta &delta, bool forward);
    void insertSegment(const Segment &segment);
    void eraseSegment(int value);
    void setSegmentName(int value, const QString &name);

signals:
    void labelsChanged(const QList<int> &values, const twin::imaging::IndexBox &box);
    void segmentsChanged();
    void displayChanged(int value);

private:
    Segment *findSegment(int value);

    core::ScalarVolume labels_;
    QList<Segment> segments_;
    QUndoStack undoStack_;
};

}  // namespace twin::imaging
