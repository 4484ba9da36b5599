#include "twin/imaging/DistanceTransform.h"

namespace twin::imaging {

namespace {

// One line: f[q] (squared distances so far, at positions q * step mm) -> min over p of
// f[p] + (step (q - p))². Lower envelope of parabolas rooted at every finite sample.
void transformLine(float *f, std::size_t stride, int n, double step, std::vector<float> &scratch,
                   std::vector<int> &roots, std::vector<double> &bounds) {
    scratch.resize(n);
    roots.resize(n);
    bounds.resize(n + 1);
    for (int q = 0; q < n; ++q) scratch[q] = f[q * stride];
    const double w = step * step;
    int envelope = -1;
    for (int q = 0; q < n; ++q) {
        if (scratch[q] >= DistanceTransform::kInfinity) continue;
        double s = 0;
        while (envelope >= 0) {
            const int p = roots[envelope];
            // Where the parabola from q overtakes the one from p (in index units).
            s = ((scratch[q] + w * q * q) - (scratch[p] + w * p * p)) / (2.0 * w * (q - p));
            if (s > bounds[envelope]) break;
            --envelope;
        }
        ++envelope;
        roots[envelope] = q;
        bounds[envelope] = envelope == 0 ? -1e300 : s;
        bounds[envelope + 1] = 1e300;
    }
    if (envelope < 0) return;  // no site on this line: stays infinite
    int k = 0;
    for (int q = 0; q < n; ++q) {
        while (bounds[k + 1] < q) ++k;
        const double dq = q - roots[k];
        f[q * stride] = static_cast<float>(w * dq * dq + scratch[roots[k]]);
    }
}

}  // namespace

void DistanceTransform::transform(std::vector<float> &d, const std::array<int, 3> &dims, const std::array<double, 3> &spacingMm) {
    const auto [nx, ny, nz] = dims;
    std::vector<float> scratch;
    std::vector<int> roots;
    std::vector<double> bounds;
    const std::size_t sliceSize = static_cast<std::size_t>(nx) * ny;
    for (std::size_t line = 0; line < static_cast<std::size_t>(ny) * nz; ++line)  // along i
        transformLine(d.data() + line * nx, 1, nx, spacingMm[0], scratch, roots, bounds);
    if (ny > 1)
        for (int k = 0; k < nz; ++k)
            for (int i = 0; i < nx; ++i)  // along j
                transformLine(d.data() + k * sliceSize + i, nx, ny, spacingMm[1], scratch, roots, bounds);
    if (nz > 1)
        for (std::size_t column = 0; column < sliceSize; ++column)  // along k
            transformLine(d.data() + column, sliceSize, nz, spacingMm[2], scratch, roots, bounds);
}

}  // namespace twin::imaging
