#include "twin/imaging/ConnectedComponents.h"

#include <algorithm>
#include <numeric>

namespace twin::imaging {

namespace {

struct Span {
    std::int32_t first, last;  // inclusive i range
};

class UnionFind {
public:
    std::int32_t add() {
        parent_.push_back(static_cast<std::int32_t>(parent_.size()));
        return parent_.back();
    }
    std::int32_t find(std::int32_t x) {
        while (parent_[x] != x) {
            parent_[x] = parent_[parent_[x]];  // path halving
            x = parent_[x];
        }
        return x;
    }
    void join(std::int32_t a, std::int32_t b) {
        a = find(a);
        b = find(b);
        if (a == b) return;
        if (a < b) parent_[b] = a;  // the earlier run is the root: keeps "met first" order cheap
        else parent_[a] = b;
    }

private:
    std::vector<std::int32_t> parent_;
};

}  // namespace

core::Result<ConnectedComponents> ConnectedComponents::label(const std::uint8_t *mask, const std::array<int, 3> &dimensions,
                                                             Connectivity connectivity, core::JobContext *context) {
    ConnectedComponents result;
    result.dimensions_ = dimensions;
    const auto [nx, ny, nz] = dimensions;
    if (!mask || nx <= 0 || ny <= 0 || nz <= 0) return result;
    const std::size_t rowCount = static_cast<std::size_t>(ny) * nz;
    std::vector<Span> spans;
    std::vector<std::int64_t> rowStart(rowCount + 1, 0);
    UnionFind sets;
    const int reach = connectivity == Connectivity::Full26 ? 1 : 0;  // how far apart runs may be and still touch

    // Join every run of row `row` with the runs of row `other` it touches (both sorted by i).
    auto joinRows = [&](std::size_t row, std::size_t other) {
        std::int64_t a = rowStart[row], b = rowStart[other];
        const std::int64_t aEnd = rowStart[row + 1], bEnd = rowStart[other + 1];
        while (a < aEnd && b < bEnd) {
            const Span &x = spans[a], &y = spans[b];
            if (x.first <= y.last + reach && y.first <= x.last + reach) sets.join(static_cast<std::int32_t>(a), static_cast<std::int32_t>(b));
            if (x.last < y.last) ++a;  // advance the one that ends first
            else ++b;
        }
    };

    for (int k = 0; k < nz; ++k) {
        if (context && (k & 15) == 0 && context->isCancelled()) return core::Error::cancelled();
        for (int j = 0; j < ny; ++j) {
            const std::size_t row = static_cast<std::size_t>(k) * ny + j;
            const std::uint8_t *voxel = mask + row * nx;
            rowStart[row] = static_cast<std::int64_t>(spans.size());
            for (int i = 0; i < nx;) {
                if (!voxel[i]) {
                    ++i;
                    continue;
                }
                const int first = i;
                while (i < nx && voxel[i]) ++i;
                spans.push_back({first, i - 1});
                sets.add();
            }
            rowStart[row + 1] = static_cast<std::int64_t>(spans.size());
            if (rowStart[row] == rowStart[row + 1]) continue;
            if (j > 0) joinRows(row, row - 1);
            if (k > 0) {
                const std::size_t below = row - ny;
                joinRows(row, below);
                if (reach) {
                    if (j > 0) joinRows(row, below - 1);
                    if (j + 1 < ny) joinRows(row, below + 1);
                }
            }
        }
    }

    // Components: roots in order of their first run; sizes; rank by size (stable).
    std::vector<std::int32_t> componentOfRoot(spans.size(), -1);
    std::vector<std::int64_t> sizes;
    std::vector<std::int32_t> componentOfRun(spans.size());
    for (std::size_t r = 0; r < spans.size(); ++r) {
        const std::int32_t root = sets.find(static_cast<std::int32_t>(r));
        if (componentOfRoot[root] < 0) {
            componentOfRoot[root] = static_cast<std::int32_t>(sizes.size());
            sizes.push_back(0);
        }
        componentOfRun[r] = componentOfRoot[root];
        sizes[componentOfRun[r]] += spans[r].last - spans[r].first + 1;
    }
    std::vector<std::int32_t> byRank(sizes.size());
    std::iota(byRank.begin(), byRank.end(), 0);
    std::stable_sort(byRank.begin(), byRank.end(), [&](std::int32_t a, std::int32_t b) { return sizes[a] > sizes[b]; });
    std::vector<std::int32_t> rankOf(sizes.size());
    result.sizes_.resize(sizes.size());
    for (std::size_t r = 0; r < byRank.size(); ++r) {
        rankOf[byRank[r]] = static_cast<std::int32_t>(r + 1);
        result.sizes_[r] = sizes[byRank[r]];
    }
    result.runs_.reserve(spans.size());
    for (std::size_t row = 0; row < rowCount; ++row) {
        for (std::int64_t r = rowStart[row]; r < rowStart[row + 1]; ++r) {
            result.runs_.push_back({static_cast<std::int64_t>(row) * nx + spans[r].first, spans[r].last - spans[r].first + 1,
                                    rankOf[componentOfRun[r]]});
        }
    }
    return result;
}

template <class Keep>
VolumeMask ConnectedComponents::maskWhere(Keep keep) const {
    VolumeMask mask(static_cast<std::size_t>(dimensions_[0]) * dimensions_[1] * dimensions_[2]);
    for (const Run &run : runs_)
        if (keep(run.component)) std::fill_n(mask.begin() + run.offset, run.length, std::uint8_t(1));
    return mask;
}

VolumeMask ConnectedComponents::keepAtLeast(std::int64_t minimumVoxels) const {
    return maskWhere([&](std::int32_t rank) { return sizes_[rank - 1] >= minimumVoxels; });
}

VolumeMask ConnectedComponents::keepLargest(int count) const {
    return maskWhere([&](std::int32_t rank) { return rank <= count; });
}

ConnectedComponents::LabelVolume ConnectedComponents::labelVolume() const {
    LabelVolume labels(static_cast<std::size_t>(dimensions_[0]) * dimensions_[1] * dimensions_[2]);
    for (const Run &run : runs_) std::fill_n(labels.begin() + run.offset, run.length, run.component);
    return labels;
}

}  // namespace twin::imaging
