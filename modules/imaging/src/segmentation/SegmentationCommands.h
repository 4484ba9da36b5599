#pragma once
// The undo commands of a Segmentation (private to the imaging module): a voxel edit holds a
// LabelmapDelta; adding, removing and renaming a segment hold what they need to go back.

#include "twin/imaging/Segmentation.h"

#include <QUndoCommand>

namespace twin::imaging {

class LabelEditCommand : public QUndoCommand {
public:
    LabelEditCommand(Segmentation &segmentation, LabelmapDelta delta, const QString &text);
    void redo() override { segmentation_.applyDelta(delta_, true); }
    void undo() override { segmentation_.applyDelta(delta_, false); }

private:
    Segmentation &segmentation_;
    LabelmapDelta delta_;
};

class AddSegmentCommand : public QUndoCommand {
public:
    AddSegmentCommand(Segmentation &segmentation, Segment segment);
    void redo() override { segmentation_.insertSegment(segment_); }
    void undo() override { segmentation_.eraseSegment(segment_.value); }

private:
    Segmentation &segmentation_;
    Segment segment_;
};

/// Clears the segment's voxels and removes it; undo restores both.
class RemoveSegmentCommand : public QUndoCommand {
public:
    RemoveSegmentCommand(Segmentation &segmentation, Segment segment, LabelmapDelta clear);
    void redo() override;
    void undo() override;

private:
    Segmentation &segmentation_;
    Segment segment_;
    LabelmapDelta clear_;
};

class RenameSegmentCommand : public QUndoCommand {
public:
    RenameSegmentCommand(Segmentation &segmentation, int value, QString before, QString after);
    void redo() override { segmentation_.setSegmentName(value_, after_); }
    void undo() override { segmentation_.setSegmentName(value_, before_); }

private:
    Segmentation &segmentation_;
    int value_;
    QString before_, after_;
};

}  // namespace twin::imaging
