#include "twin/imaging/RegionGrower.h"

#include <cstring>

namespace twin::imaging {

core::Result<RegionGrowResult> RegionGrower::grow(const core::ScalarVolume &image, const std::vector<std::array<int, 3>> &seeds,
                                                  std::int16_t lower, std::int16_t upper, core::JobContext *context) {
    const int nx = image.dimension(0), ny = image.dimension(1), nz = image.dimension(2);
    const std::size_t row = std::size_t(nx), slice = std::size_t(nx) * std::size_t(ny);
    RegionGrowResult result;
    result.mask = VolumeMask(slice * std::size_t(nz));  // zero pages, touched only where the region goes
    const std::int16_t *values = image.voxels().data();
    std::uint8_t *mask = result.mask.data();
    const unsigned window = unsigned(int(upper) - int(lower));
    const auto inWindow = [&](std::size_t offset) { return unsigned(int(values[offset]) - int(lower)) <= window; };
    const auto inside = [&](std::size_t offset) { return mask[offset] == 0 && inWindow(offset); };

    struct Run {
        int i, j, k;
    };
    std::vector<Run> stack;
    for (const auto &s : seeds) {
        if (s[0] < 0 || s[1] < 0 || s[2] < 0 || s[0] >= nx || s[1] >= ny || s[2] >= nz) continue;
        const std::size_t offset = std::size_t(s[2]) * slice + std::size_t(s[1]) * row + std::size_t(s[0]);
        if (values[offset] < lower || values[offset] > upper) continue;
        ++result.seedsUsed;
        stack.push_back({s[0], s[1], s[2]});
    }

    // Pushes one seed per run of unmarked in-window voxels in row (j, k) over [from, to].
    // Inside a large region most neighbour rows are already filled when they are scanned
    // again: those stretches are skipped eight mask bytes at a time.
    constexpr std::uint64_t kAllFilled = 0x0101010101010101ull;
    const auto scanRow = [&](int j, int k, int from, int to) {
        const std::size_t base = std::size_t(k) * slice + std::size_t(j) * row;
        bool inRun = false;
        int i = from;
        while (i <= to) {
            std::uint64_t eight;
            if (i + 8 <= to + 1 && (std::memcpy(&eight, mask + base + std::size_t(i), 8), eight == kAllFilled)) {
                inRun = false;
                i += 8;
                continue;
            }
            const bool in = inside(base + std::size_t(i));
            if (in && !inRun) stack.push_back({i, j, k});
            inRun = in;
            ++i;
        }
    };

    std::int64_t runs = 0;
    while (!stack.empty()) {
        const Run r = stack.back();
        stack.pop_back();
        const std::size_t base = std::size_t(r.k) * slice + std::size_t(r.j) * row;
        if (!inside(base + std::size_t(r.i))) continue;  // filled meanwhile by another run
        int left = r.i, right = r.i;
        while (left > 0 && inside(base + std::size_t(left - 1))) --left;
        while (right + 1 < nx && inside(base + std::size_t(right + 1))) ++right;
        std::fill(mask + base + left, mask + base + right + 1, std::uint8_t(1));
        result.voxelCount += right - left + 1;
        if (r.j > 0) scanRow(r.j - 1, r.k, left, right);
        if (r.j + 1 < ny) scanRow(r.j + 1, r.k, left, right);
        if (r.k > 0) scanRow(r.j, r.k - 1, left, right);
        if (r.k + 1 < nz) scanRow(r.j, r.k + 1, left, right);
        if (context && (++runs & 0xffff) == 0) {
            if (context->isCancelled()) return core::Error::cancelled();
            context->setProgress(std::min(0.99, double(result.voxelCount) / double(slice * std::size_t(nz))), QStringLiteral("Region growing"));
        }
    }
    return result;
}

}  // namespace twin::imaging
