#pragma once
// An analytic solid in patient LPS millimetres: an ellipsoid (a sphere is one) or an elliptic
// cylinder along z. Every axial cross-section is an ellipse, which both the voxel painter
// (row spans) and the RTSTRUCT contours (polygons) use, so labels and contours agree.

#include <array>
#include <optional>

namespace twin::phantom {

using Vec3 = std::array<double, 3>;

/// An axis-aligned ellipse in one axial plane: centre (cx, cy), semi-axes a (x) and b (y).
struct EllipseSection {
    double cx = 0.0;
    double cy = 0.0;
    double a = 0.0;
    double b = 0.0;

    /// The x-interval [x0, x1] the ellipse covers on the line `y`; false when it misses it.
    bool spanAt(double y, double &x0, double &x1) const;
    bool contains(double x, double y) const;
};

class PhantomShape {
public:
    static PhantomShape ellipsoid(const Vec3 &centre, const Vec3 &semiAxes);
    static PhantomShape sphere(const Vec3 &centre, double radius);
    /// Elliptic cylinder along z between zMin and zMax (inclusive).
    static PhantomShape cylinder(double cx, double cy, double a, double b, double zMin, double zMax);

    /// The cross-section in the plane z, or nothing where the shape does not reach it.
    std::optional<EllipseSection> sectionAt(double z) const;
    bool contains(const Vec3 &point) const;
    double volumeMm3() const;
    /// The same shape moved by `offset` (mm).
    PhantomShape translated(const Vec3 &offset) const;
    const Vec3 &centre() const { return centre_; }
    const Vec3 &semiAxes() const { return semiAxes_; }

private:
    enum class Kind { Ellipsoid, Cylinder };
    Kind kind_ = Kind::Ellipsoid;
    Vec3 centre_{0.0, 0.0, 0.0};
    Vec3 semiAxes_{1.0, 1.0, 1.0};  // for a cylinder, [2] is half its length
};

}  // namespace twin::phantom
