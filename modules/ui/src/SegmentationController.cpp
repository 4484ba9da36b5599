#include "twin/ui/SegmentationController.h"

#include "twin/core/Job.h"
#include "twin/core/VolumeIndexing.h"
#include "twin/imaging/LabelSurfaceExtractor.h"
#include "twin/imaging/ScalarVolumeToVtk.h"
#include "twin/imaging/Segmentation.h"
#include "twin/ui/PatientSceneController.h"
#include "twin/visualization/SliceViewScene.h"
#include "twin/visualization/VolumeOverviewScene.h"

#include <vtkActor.h>
#include <vtkImageData.h>
#include <vtkPointData.h>
#include <vtkUnsignedCharArray.h>
#include <vtkProperty.h>
#include <vtkPolyData.h>

#include <algorithm>
#include <map>

namespace twin::ui {

namespace {
constexpr int kMeshDelayMs = 250;
}

SegmentationController::SegmentationController(PatientSceneController *scene, QObject *parent)
    : QObject(parent), scene_(scene) {
    meshDelay_.setSingleShot(true);
    meshDelay_.setInterval(kMeshDelayMs);
    connect(&meshDelay_, &QTimer::timeout, this, &SegmentationController::startMeshing);
    connect(scene_, &PatientSceneController::surfacePicked, this, &SegmentationController::segmentPicked);
}

SegmentationController::~SegmentationController() {
    scene_->setPaintHandler({});
    for (int v = 0; v < 3; ++v)
        if (auto *slice = scene_->sliceScene(v)) slice->labelOverlay().setLabels(nullptr);
}

imaging::Segmentation *SegmentationController::reset(const core::VolumeGeometry &reference) {
    if (meshJob_) meshJob_->cancel();
    meshJob_.reset();
    dirty_.clear();
    setPaintSegment(0, brush_);
    for (const int value : shownSurfaces_) scene_->overviewScene()->setKeyedSurface(value, nullptr, {}, 0, {});
    shownSurfaces_.clear();
    segmentation_ = std::make_unique<imaging::Segmentation>(reference);
    labelsView_ = imaging::vtkImageViewOf(segmentation_->labels());
    for (int v = 0; v < 3; ++v) scene_->sliceScene(v)->labelOverlay().setLabels(labelsView_);
    connect(segmentation_.get(), &imaging::Segmentation::labelsChanged, this, &SegmentationController::onLabelsChanged);
    connect(segmentation_.get(), &imaging::Segmentation::segmentsChanged, this, &SegmentationController::onSegmentsChanged);
    connect(segmentation_.get(), &imaging::Segmentation::displayChanged, this, &SegmentationController::onSegmentsChanged);
    updateOverlayColours();
    setPreview(nullptr);
    scene_->requestRender();
    return segmentation_.get();
}

void SegmentationController::setPaintSegment(int value, const BrushSettings &brush) {
    brush_ = brush;
    if (strokeOpen_ && segmentation_) segmentation_->undoStack().endMacro();
    strokeOpen_ = false;
    paintValue_ = segmentation_ && segmentation_->segment(value) ? value : 0;
    if (paintValue_ == 0) {
        scene_->setPaintHandler({});
        return;
    }
    scene_->setPaintHandler([this](int view, const std::array<double, 3> &point, visualization::SliceInteractorStyle::StrokePhase phase) {
        using Phase = visualization::SliceInteractorStyle::StrokePhase;
        paintStroke(view, point, phase == Phase::Begin, phase == Phase::End);
    });
}

void SegmentationController::paintStroke(int view, const std::array<double, 3> &point, bool begin, bool end) {
    if (!segmentation_ || paintValue_ == 0) return;
    if (begin && !strokeOpen_) {
        segmentation_->undoStack().beginMacro(brush_.erase ? tr("Erase stroke") : tr("Paint stroke"));
        strokeOpen_ = true;
    }
    if (!end || begin) {
        const auto index = core::patientToIndex(segmentation_->labels().geometry(), point);
        // Slice views: 0 axial (disc across k), 1 coronal (across j), 2 sagittal (across i).
        const int normalAxis = view == 0 ? 2 : (view == 1 ? 1 : 0);
        if (index) segmentation_->apply(imaging::SegmentationTools::brush(segmentation_->labels().geometry(), *index, brush_.radiusMm,
                                                                           brush_.shape, paintValue_, brush_.erase, normalAxis));
    }
    if (end && strokeOpen_) {
        segmentation_->undoStack().endMacro();
        strokeOpen_ = false;
    }
}

void SegmentationController::onLabelsChanged(const QList<int> &values, const imaging::IndexBox &) {
    for (int v = 0; v < 3; ++v) scene_->sliceScene(v)->labelOverlay().labelsModified();
    scene_->requestRender();
    for (int value : values) dirty_.insert(value);
    if (meshJob_ && meshJob_->isRunning()) meshJob_->cancel();  // latest wins: its labels are meshed again
    meshDelay_.start();
}

void SegmentationController::onSegmentsChanged() {
    updateOverlayColours();
    if (!segmentation_) return;
    // Surfaces of removed segments go; visibility follows the segment.
    for (const imaging::Segment &s : segmentation_->segments()) {
        scene_->overviewScene()->setKeyedSurfaceVisible(s.value, s.visible);
        if (vtkActor *actor = scene_->overviewScene()->keyedSurface(s.value)) actor->GetProperty()->SetOpacity(s.opacity);
    }
    for (const int value : QSet<int>(shownSurfaces_)) {
        if (segmentation_->segment(value)) continue;
        scene_->overviewScene()->setKeyedSurface(value, nullptr, {}, 0, {});
        shownSurfaces_.remove(value);
    }
    scene_->requestRender();
}

void SegmentationController::updateOverlayColours() {
    std::vector<visualization::LabelColour> colours;
    if (segmentation_) {
        for (const imaging::Segment &s : segmentation_->segments())
            colours.push_back({s.value, {s.rgb[0] / 255.0, s.rgb[1] / 255.0, s.rgb[2] / 255.0}, s.visible, s.opacity});
    }
    for (int v = 0; v < 3; ++v) scene_->sliceScene(v)->labelOverlay().setColours(colours);
}

void SegmentationController::setPreview(std::shared_ptr<const imaging::VolumeMask> mask, const std::array<int, 3> &rgb) {
    preview_ = segmentation_ && mask && mask->size() == segmentation_->labels().voxels().size() ? std::move(mask) : nullptr;
    previewView_ = nullptr;
    if (preview_) {
        previewView_ = imaging::vtkImageWithGeometry(segmentation_->labels().geometry());
        vtkNew<vtkUnsignedCharArray> voxels;  // shares the mask's memory, which preview_ keeps alive
        voxels->SetArray(const_cast<std::uint8_t *>(preview_->data()), static_cast<vtkIdType>(preview_->size()), 1);
        previewView_->GetPointData()->SetScalars(voxels);
    }
    for (int v = 0; v < 3; ++v) {
        visualization::LabelOverlay &overlay = scene_->sliceScene(v)->previewOverlay();
        overlay.setColours({{1, {rgb[0] / 255.0, rgb[1] / 255.0, rgb[2] / 255.0}, true, 1.0}});
        overlay.setLabels(previewView_);
    }
    scene_->requestRender();
}

bool SegmentationController::isMeshing() const { return meshJob_ && meshJob_->isRunning(); }

void SegmentationController::meshNow() {
    meshDelay_.stop();
    startMeshing();
}

void SegmentationController::startMeshing() {
    if (!segmentation_ || dirty_.isEmpty()) return;
    if (meshJob_ && meshJob_->isRunning()) {  // a cancelled job still winding down: try again shortly
        meshDelay_.start();
        return;
    }
    if (meshingNow_.size()) dirty_.unite(meshingNow_);  // the cancelled job's labels
    meshingNow_ = dirty_;
    dirty_.clear();
    auto snapshot = std::make_shared<core::ScalarVolume>(segmentation_->labels());  // edits may go on meanwhile
    std::vector<int> values(meshingNow_.begin(), meshingNow_.end());
    std::sort(values.begin(), values.end());
    auto meshes = std::make_shared<std::map<int, vtkSmartPointer<vtkPolyData>>>();
    meshJob_ = std::make_unique<core::Job>(tr("Meshing segments"), [snapshot, values, meshes](core::JobContext &context) -> core::Status {
        auto surfaces = imaging::LabelSurfaceExtractor::extract(imaging::vtkImageViewOf(*snapshot), values, {}, &context);
        if (!surfaces.ok()) return surfaces.error();
        for (int value : values) (*meshes)[value] = nullptr;  // empty now: its surface goes
        for (const imaging::LabelSurface &surface : surfaces.value()) (*meshes)[surface.label] = surface.mesh;
        return {};
    });
    connect(meshJob_.get(), &core::Job::finished, this, [this, meshes] {
        lastMeshed_.clear();
        for (const auto &[value, mesh] : *meshes) {
            lastMeshed_.push_back(value);
            const imaging::Segment *segment = segmentation_->segment(value);
            if (!segment || !mesh) {
                scene_->overviewScene()->setKeyedSurface(value, nullptr, {}, 0, {});
                shownSurfaces_.remove(value);
                continue;
            }
            shownSurfaces_.insert(value);
            scene_->overviewScene()->setKeyedSurface(value, mesh, {segment->rgb[0] / 255.0, segment->rgb[1] / 255.0, segment->rgb[2] / 255.0},
                                                     segment->opacity, segment->name);
            scene_->overviewScene()->setKeyedSurfaceVisible(value, segment->visible);
        }
        meshingNow_.clear();
        scene_->overviewScene()->setPlanesVisible(shownSurfaces_.isEmpty());  // the CT planes would hide the organs
        scene_->requestRender();
        emit meshesUpdated(lastMeshed_);
    });
    connect(meshJob_.get(), &core::Job::cancelled, this, [this] { meshDelay_.start(); });
    meshJob_->start();
}

}  // namespace twin::ui
