#include "PhantomAnatomy.h"

namespace twin::phantom {

namespace {

// Along z the body, the spine and the cord run through any field of view.
constexpr double kLongZ = 1000.0;

enum Label : int {
    External = 1,
    LungRight,
    LungLeft,
    Heart,
    Liver,
    KidneyRight,
    KidneyLeft,
    Spine,
    SpinalCord,
    Ptv,
    Gtv,
};

PhantomStructure info(int label, const char *name, std::array<int, 3> rgb, const char *type, double hu,
                      Vec3 interiorPoint) {
    PhantomStructure structure;
    structure.label = label;
    structure.name = QString::fromLatin1(name);
    structure.rgb = rgb;
    structure.rtRoiInterpretedType = QString::fromLatin1(type);
    structure.meanHu = hu;
    structure.interiorPointMm = interiorPoint;
    return structure;
}

}  // namespace

void PhantomAnatomy::addStructure(const PhantomStructure &structureInfo, const PhantomShape &shape) {
    structures_.push_back({structureInfo, shape});
}

void PhantomAnatomy::paint(const PhantomShape &shape, double hu, int label) {
    regions_.push_back({shape, true, hu, label});
}

void PhantomAnatomy::labelOnly(const PhantomShape &shape, int label) {
    regions_.push_back({shape, false, 0.0, label});
}

QList<PhantomStructure> PhantomAnatomy::structureInfos() const {
    QList<PhantomStructure> infos;
    for (const AnatomyStructure &structure : structures_) infos.append(structure.info);
    return infos;
}

void PhantomAnatomy::translate(const Vec3 &offset) {
    for (AnatomyStructure &structure : structures_) {
        structure.shape = structure.shape.translated(offset);
        for (std::size_t axis = 0; axis < 3; ++axis) structure.info.interiorPointMm[axis] += offset[axis];
    }
    for (PaintRegion &region : regions_) region.shape = region.shape.translated(offset);
    for (std::size_t axis = 0; axis < 3; ++axis) tumourCentre_[axis] += offset[axis];
}

PhantomAnatomy PhantomAnatomy::standard(const AnatomyVariant &variant) {
    PhantomAnatomy anatomy;
    const double fatHu = -100.0, muscleHu = 40.0, lungHu = -850.0, liverHu = 60.0, kidneyHu = 30.0;
    const double heartHu = 40.0, cortexHu = 700.0, trabecularHu = 400.0, discHu = 90.0, cordHu = 35.0;
    const double tumourHu = 40.0;

    // Body: a fat layer over muscle.
    const auto body = PhantomShape::cylinder(0.0, 0.0, 170.0, 125.0, -kLongZ, kLongZ);
    anatomy.addStructure(info(External, "External", {0, 200, 0}, "EXTERNAL", muscleHu, {-60.0, 90.0, 0.0}), body);
    anatomy.paint(body, fatHu, External);
    anatomy.paint(PhantomShape::cylinder(0.0, 0.0, 155.0, 110.0, -kLongZ, kLongZ), muscleHu);
    // Pericardial and perirenal fat: capsules painted before the organs, which win.
    anatomy.paint(PhantomShape::ellipsoid({10.0, -30.0, 15.0}, {47.0, 45.0, 45.0}), fatHu);
    anatomy.paint(PhantomShape::ellipsoid({-75.0, 62.0, -115.0}, {34.0, 26.0, 61.0}), fatHu);
    anatomy.paint(PhantomShape::ellipsoid({75.0, 62.0, -100.0}, {34.0, 26.0, 61.0}), fatHu);

    const auto lungRight = PhantomShape::ellipsoid({-90.0, 0.0, 70.0}, {50.0, 80.0, 90.0});
    const auto lungLeft = PhantomShape::ellipsoid({90.0, 0.0, 75.0}, {47.0, 78.0, 85.0});
    anatomy.addStructure(info(LungRight, "Lung_R", {0, 160, 255}, "ORGAN", lungHu, {-110.0, 20.0, 40.0}), lungRight);
    anatomy.addStructure(info(LungLeft, "Lung_L", {80, 80, 255}, "ORGAN", lungHu, {95.0, 0.0, 75.0}), lungLeft);
    anatomy.paint(lungRight, lungHu, LungRight);
    anatomy.paint(lungLeft, lungHu, LungLeft);

    const auto heart = PhantomShape::ellipsoid({10.0, -30.0, 15.0}, {42.0, 40.0, 40.0});
    anatomy.addStructure(info(Heart, "Heart", {200, 0, 100}, "ORGAN", heartHu, {10.0, -30.0, 15.0}), heart);
    anatomy.paint(heart, heartHu, Heart);

    const auto liver = PhantomShape::ellipsoid({-60.0, -25.0, -80.0}, {85.0, 60.0, 60.0});
    anatomy.addStructure(info(Liver, "Liver", {160, 82, 45}, "ORGAN", liverHu, {-60.0, -25.0, -80.0}), liver);
    anatomy.paint(liver, liverHu, Liver);

    const auto kidneyRight = PhantomShape::ellipsoid({-75.0, 62.0, -115.0}, {28.0, 20.0, 55.0});
    const auto kidneyLeft = PhantomShape::ellipsoid({75.0, 62.0, -100.0}, {28.0, 20.0, 55.0});
    anatomy.addStructure(info(KidneyRight, "Kidney_R", {255, 140, 0}, "ORGAN", kidneyHu, {-75.0, 62.0, -115.0}),
                         kidneyRight);
    anatomy.addStructure(info(KidneyLeft, "Kidney_L", {255, 200, 0}, "ORGAN", kidneyHu, {75.0, 62.0, -100.0}),
                         kidneyLeft);
    anatomy.paint(kidneyRight, kidneyHu, KidneyRight);
    anatomy.paint(kidneyLeft, kidneyHu, KidneyLeft);

    // Vertebrae: a cortical shell around trabecular bone, a disc every 30 mm.
    const auto spine = PhantomShape::cylinder(0.0, 62.0, 24.0, 30.0, -kLongZ, kLongZ);
    anatomy.addStructure(info(Spine, "Spine", {230, 230, 200}, "ORGAN", trabecularHu, {0.0, 50.0, 0.0}), spine);
    anatomy.paint(spine, cortexHu, Spine);
    anatomy.paint(PhantomShape::cylinder(0.0, 62.0, 21.5, 27.5, -kLongZ, kLongZ), trabecularHu);
    for (int disc = -34; disc <= 33; ++disc) {
        const double z0 = 30.0 * disc + 12.5;
        anatomy.paint(PhantomShape::cylinder(0.0, 50.0, 18.0, 14.0, z0, z0 + 5.0), discHu);
    }
    const auto cord = PhantomShape::cylinder(0.0, 80.0, 8.0, 7.0, -kLongZ, kLongZ);
    anatomy.addStructure(info(SpinalCord, "SpinalCord", {255, 255, 0}, "ORGAN", cordHu, {0.0, 80.0, 0.0}), cord);
    anatomy.paint(cord, cordHu, SpinalCord);

    // Target: a 35 mm tumour in the right upper lung (smaller in a follow-up variant) and
    // its planning margin.
    anatomy.tumourCentre_ = {-85.0, -10.0, 85.0};
    anatomy.tumourRadiusMm_ = variant.tumourRadiusMm;
    anatomy.ptvMarginMm_ = 7.0;
    const Vec3 &c = anatomy.tumourCentre_;
    const double ptvRadius = anatomy.tumourRadiusMm_ + anatomy.ptvMarginMm_;
    const auto ptv = PhantomShape::sphere(c, ptvRadius);
    const auto gtv = PhantomShape::sphere(c, anatomy.tumourRadiusMm_);
    anatomy.addStructure(info(Ptv, "PTV", {255, 0, 255}, "PTV", lungHu, {c[0] + anatomy.tumourRadiusMm_ + 0.5 * anatomy.ptvMarginMm_, c[1], c[2]}), ptv);
    anatomy.addStructure(info(Gtv, "GTV", {255, 0, 0}, "GTV", tumourHu, c), gtv);
    anatomy.labelOnly(ptv, Ptv);
    anatomy.paint(gtv, tumourHu, Gtv);
    anatomy.translate(variant.patientOffsetMm);
    return anatomy;
}

}  // namespace twin::phantom
