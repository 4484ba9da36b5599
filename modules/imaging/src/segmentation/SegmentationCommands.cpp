#include "SegmentationCommands.h"

namespace twin::imaging {

LabelEditCommand::LabelEditCommand(Segmentation &segmentation, LabelmapDelta delta, const QString &text)
    : segmentation_(segmentation), delta_(std::move(delta)) {
    setText(text);
}

AddSegmentCommand::AddSegmentCommand(Segmentation &segmentation, Segment segment)
    : segmentation_(segmentation), segment_(std::move(segment)) {
    setText(QStringLiteral("Add segment %1").arg(segment_.name));
}

RemoveSegmentCommand::RemoveSegmentCommand(Segmentation &segmentation, Segment segment, LabelmapDelta clear)
    : segmentation_(segmentation), segment_(std::move(segment)), clear_(std::move(clear)) {
    setText(QStringLiteral("Remove segment %1").arg(segment_.name));
}

void RemoveSegmentCommand::redo() {
    segmentation_.applyDelta(clear_, true);
    segmentation_.eraseSegment(segment_.value);
}

void RemoveSegmentCommand::undo() {
    segmentation_.insertSegment(segment_);
    segmentation_.applyDelta(clear_, false);
}

RenameSegmentCommand::RenameSegmentCommand(Segmentation &segmentation, int value, QString before, QString after)
    : segmentation_(segmentation), value_(value), before_(std::move(before)), after_(std::move(after)) {
    setText(QStringLiteral("Rename segment %1 to %2").arg(before_, after_));
}

}  // namespace twin::imaging
