#pragma once
// The demo patient's anatomy: a thorax and upper abdomen built from analytic shapes in
// patient LPS millimetres (x to the patient's left, y posterior, z superior), head first
// supine, centred on the origin.
//
//   structure   shape                                   CT number
//   External    elliptic cylinder 340 x 250 mm          fat -100 (15 mm under the skin,
//                                                       around the heart and kidneys), muscle 40
//   Lung_R/L    ellipsoids either side of the spine     -850
//   Heart       ellipsoid, anterior left                40
//   Liver       ellipsoid below the right lung          60
//   Kidney_R/L  ellipsoids beside the spine, low        30
//   Spine       elliptic cylinder (vertebrae)           cortex 700, trabecular 400, discs 90
//   SpinalCord  elliptic cylinder in the canal          35
//   PTV         GTV + 7 mm (a label only: CT is lung)   -
//   GTV         35 mm sphere in the right upper lung    40
//
// Structures are either disjoint or nested, so each RTSTRUCT contour (the shape's
// cross-section) bounds exactly its label plus the labels of what is nested in it.

#include "PhantomShape.h"

#include "twin/phantom/DemoPatient.h"

#include <QList>

#include <vector>

namespace twin::phantom {

/// One step of painting a slice: inside `shape`, set the CT number and/or the label.
/// Later regions overwrite earlier ones (innermost wins).
struct PaintRegion {
    PhantomShape shape;
    bool setsHu = true;
    double hu = 0.0;
    int label = 0;  // 0: leave the label as it is
};

/// How a study of the demo patient differs from the planning CT: a follow-up scan after
/// treatment has a smaller tumour, and the patient lies elsewhere on the couch (a rigid
/// shift of the whole anatomy in the scanner's frame).
struct AnatomyVariant {
    double tumourRadiusMm = 17.5;      // the planning CT's GTV: a 35 mm sphere
    Vec3 patientOffsetMm{0.0, 0.0, 0.0};  // added to every shape and point
};

/// A structure with the shape the RTSTRUCT outlines.
struct AnatomyStructure {
    PhantomStructure info;
    PhantomShape shape;
};

class PhantomAnatomy {
public:
    /// The one anatomy of the demo patient.
    static PhantomAnatomy standard(const AnatomyVariant &variant = {});

    static constexpr double kAirHu = -1000.0;

    const std::vector<AnatomyStructure> &structures() const { return structures_; }
    const std::vector<PaintRegion> &regions() const { return regions_; }
    QList<PhantomStructure> structureInfos() const;

    /// The body outline (External): dose and noise live inside it.
    const PhantomShape &body() const { return structures_.front().shape; }
    const Vec3 &tumourCentre() const { return tumourCentre_; }
    double tumourRadiusMm() const { return tumourRadiusMm_; }
    double ptvMarginMm() const { return ptvMarginMm_; }

private:
    void addStructure(const PhantomStructure &info, const PhantomShape &shape);
    void paint(const PhantomShape &shape, double hu, int label = 0);
    void labelOnly(const PhantomShape &shape, int label);
    void translate(const Vec3 &offset);

    std::vector<AnatomyStructure> structures_;
    std::vector<PaintRegion> regions_;
    Vec3 tumourCentre_{0.0, 0.0, 0.0};
    double tumourRadiusMm_ = 0.0;
    double ptvMarginMm_ = 0.0;
};

}  // namespace twin::phantom
