#include "PhantomShape.h"

#include <cmath>
#include <numbers>

namespace twin::phantom {

bool EllipseSection::spanAt(double y, double &x0, double &x1) const {
    const double v = (y - cy) / b;
    const double rest = 1.0 - v * v;
    if (rest < 0.0) return false;
    const double half = a * std::sqrt(rest);
    x0 = cx - half;
    x1 = cx + half;
    return true;
}

bool EllipseSection::contains(double x, double y) const {
    const double u = (x - cx) / a;
    const double v = (y - cy) / b;
    return u * u + v * v <= 1.0;
}

PhantomShape PhantomShape::ellipsoid(const Vec3 &centre, const Vec3 &semiAxes) {
    PhantomShape shape;
    shape.kind_ = Kind::Ellipsoid;
    shape.centre_ = centre;
    shape.semiAxes_ = semiAxes;
    return shape;
}

PhantomShape PhantomShape::translated(const Vec3 &offset) const {
    PhantomShape moved = *this;
    for (std::size_t axis = 0; axis < 3; ++axis) moved.centre_[axis] += offset[axis];
    return moved;
}

PhantomShape PhantomShape::sphere(const Vec3 &centre, double radius) {
    return ellipsoid(centre, {radius, radius, radius});
}

PhantomShape PhantomShape::cylinder(double cx, double cy, double a, double b, double zMin, double zMax) {
    PhantomShape shape;
    shape.kind_ = Kind::Cylinder;
    shape.centre_ = {cx, cy, 0.5 * (zMin + zMax)};
    shape.semiAxes_ = {a, b, 0.5 * (zMax - zMin)};
    return shape;
}

std::optional<EllipseSection> PhantomShape::sectionAt(double z) const {
    const double w = (z - centre_[2]) / semiAxes_[2];
    if (kind_ == Kind::Cylinder) {
        if (std::abs(w) > 1.0) return std::nullopt;
        return EllipseSection{centre_[0], centre_[1], semiAxes_[0], semiAxes_[1]};
    }
    const double rest = 1.0 - w * w;
    if (rest <= 0.0) return std::nullopt;
    const double scale = std::sqrt(rest);
    return EllipseSection{centre_[0], centre_[1], semiAxes_[0] * scale, semiAxes_[1] * scale};
}

bool PhantomShape::contains(const Vec3 &point) const {
    const auto section = sectionAt(point[2]);
    return section && section->contains(point[0], point[1]);
}

double PhantomShape::volumeMm3() const {
    const double ab = std::numbers::pi * semiAxes_[0] * semiAxes_[1];
    if (kind_ == Kind::Cylinder) return ab * 2.0 * semiAxes_[2];
    return 4.0 / 3.0 * ab * semiAxes_[2];
}

}  // namespace twin::phantom
