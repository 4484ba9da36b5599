#include "twin/imaging/SurfaceNets.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace twin::imaging {

namespace {

// Works in "padded" coordinates: the box grown by one voxel on every side, so the boundary
// closes at the box faces and every boundary edge has all four cells around it inside the
// padded grid. Voxel (x, y, z) padded is voxel (lo + x - 1, ...) of the labelmap.
class NetBuilder {
public:
    NetBuilder(const LabelVolumeView &volume, std::int16_t label, const std::array<int, 3> &lo,
               const std::array<int, 3> &hi)
        : volume_(volume), label_(label), lo_(lo) {
        for (int a = 0; a < 3; ++a) padded_[a] = hi[a] - lo[a] + 3;
        const std::size_t layer = static_cast<std::size_t>(padded_[0]) * padded_[1];
        maskBelow_.assign(layer, 0);
        maskAbove_.assign(layer, 0);
        cellsBelow_.assign(static_cast<std::size_t>(padded_[0] - 1) * (padded_[1] - 1), -1);
        cellsHere_.assign(cellsBelow_.size(), -1);
    }

    bool run(const core::JobContext *context) {
        fillMask(maskAbove_, 0);
        for (int z = 0; z + 1 < padded_[2]; ++z) {
            if (context && (z & 15) == 0 && context->isCancelled()) return false;
            maskBelow_.swap(maskAbove_);
            fillMask(maskAbove_, z + 1);
            std::swap(cellsBelow_, cellsHere_);
            std::fill(cellsHere_.begin(), cellsHere_.end(), -1);
            // cellsBelow_ now holds cell layer z - 1, cellsHere_ cell layer z.
            edgesInLayer(z);
            edgesBetweenLayers(z);
        }
        return true;
    }

    SurfaceNetMesh mesh;
    std::vector<std::array<float, 3>> centres;

private:
    void fillMask(std::vector<std::uint8_t> &mask, int z) const {
        std::fill(mask.begin(), mask.end(), 0);
        const int k = lo_[2] + z - 1;
        if (z == 0 || z == padded_[2] - 1 || k < 0 || k >= volume_.dimensions[2]) return;
        const int nx = volume_.dimensions[0], ny = volume_.dimensions[1];
        for (int y = 1; y + 1 < padded_[1]; ++y) {
            const int j = lo_[1] + y - 1;
            if (j < 0 || j >= ny) continue;
            const std::int16_t *row = volume_.voxels + (static_cast<std::size_t>(k) * ny + j) * nx;
            std::uint8_t *out = mask.data() + static_cast<std::size_t>(y) * padded_[0];
            for (int x = 1; x + 1 < padded_[0]; ++x) {
                const int i = lo_[0] + x - 1;
                out[x] = (i >= 0 && i < nx && row[i] == label_) ? 1 : 0;
            }
        }
    }

    // Vertex of cell (cx, cy) in the cell layer held by `layer` (z = cell layer index).
    std::int32_t vertex(std::vector<std::int32_t> &layer, int cx, int cy, int cz) {
        std::int32_t &id = layer[static_cast<std::size_t>(cy) * (padded_[0] - 1) + cx];
        if (id < 0) {
            id = static_cast<std::int32_t>(mesh.points.size());
            const std::array<float, 3> centre{static_cast<float>(lo_[0] + cx) - 0.5f,
                                              static_cast<float>(lo_[1] + cy) - 0.5f,
                                              static_cast<float>(lo_[2] + cz) - 0.5f};
            mesh.points.push_back(centre);
            centres.push_back(centre);
        }
        return id;
    }

    void addQuad(std::int32_t a, std::int32_t b, std::int32_t c, std::int32_t d, bool insideFirst) {
        if (insideFirst) mesh.quads.push_back({a, b, c, d});
        else mesh.quads.push_back({a, d, c, b});
    }

    // Edges along x and y inside voxel layer z; their cells lie in cell layers z - 1 and z.
    void edgesInLayer(int z) {
        const int px = padded_[0];
        for (int y = 0; y + 1 < padded_[1]; ++y) {  // row 0 is padding: it has no x edges
            const std::uint8_t *row = maskBelow_.data() + static_cast<std::size_t>(y) * px;
            const std::uint8_t *next = row + px;
            for (int x = 0; x + 1 < px; ++x) {
                if (row[x] != row[x + 1]) {  // along x: cells (x, y-1|y, z-1|z)
                    addQuad(vertex(cellsBelow_, x, y - 1, z - 1), vertex(cellsBelow_, x, y, z - 1),
                            vertex(cellsHere_, x, y, z), vertex(cellsHere_, x, y - 1, z), row[x] != 0);
                }
            }
            if (std::memcmp(row, next, px) == 0) continue;
            for (int x = 1; x + 1 < px; ++x) {
                if (row[x] != next[x]) {  // along y: cells (x-1|x, y, z-1|z), axes (y, z, x)
                    addQuad(vertex(cellsBelow_, x - 1, y, z - 1), vertex(cellsHere_, x - 1, y, z),
                            vertex(cellsHere_, x, y, z), vertex(cellsBelow_, x, y, z - 1), row[x] != 0);
                }
            }
        }
    }

    // Edges along z from voxel layer z to z + 1; their cells lie in cell layer z.
    void edgesBetweenLayers(int z) {
        const int px = padded_[0];
        if (std::memcmp(maskBelow_.data(), maskAbove_.data(), maskBelow_.size()) == 0) return;
        for (int y = 1; y + 1 < padded_[1]; ++y) {
            const std::uint8_t *below = maskBelow_.data() + static_cast<std::size_t>(y) * px;
            const std::uint8_t *above = maskAbove_.data() + static_cast<std::size_t>(y) * px;
            if (std::memcmp(below, above, px) == 0) continue;
            for (int x = 1; x + 1 < px; ++x) {
                if (below[x] != above[x]) {  // cells (x-1|x, y-1|y, z), axes (z, x, y)
                    addQuad(vertex(cellsHere_, x - 1, y - 1, z), vertex(cellsHere_, x, y - 1, z),
                            vertex(cellsHere_, x, y, z), vertex(cellsHere_, x - 1, y, z), below[x] != 0);
                }
            }
        }
    }

    const LabelVolumeView &volume_;
    const std::int16_t label_;
    const std::array<int, 3> lo_;
    std::array<int, 3> padded_{};
    std::vector<std::uint8_t> maskBelow_, maskAbove_;
    std::vector<std::int32_t> cellsBelow_, cellsHere_;
};

// Neighbours of each vertex along the quad edges: at most the six face-adjacent cells.
struct Neighbours {
    std::vector<std::array<std::int32_t, 6>> ids;
    std::vector<std::uint8_t> count;

    explicit Neighbours(const SurfaceNetMesh &mesh) : ids(mesh.points.size()), count(mesh.points.size(), 0) {
        for (const auto &quad : mesh.quads) {
            for (int e = 0; e < 4; ++e) {
                link(quad[e], quad[(e + 1) % 4]);
                link(quad[(e + 1) % 4], quad[e]);
            }
        }
    }
    void link(std::int32_t from, std::int32_t to) {
        auto &list = ids[from];
        std::uint8_t &n = count[from];
        for (int i = 0; i < n; ++i)
            if (list[i] == to) return;
        if (n < 6) list[n++] = to;
    }
};

}  // namespace

void SurfaceNets::smooth(SurfaceNetMesh &mesh, const std::vector<std::array<float, 3>> &centres,
                         const SurfaceNetOptions &options) {
    if (options.smoothingIterations <= 0 || mesh.points.empty()) return;
    const Neighbours neighbours(mesh);
    std::vector<std::array<float, 3>> next(mesh.points.size());
    const float limit = options.constraintVoxels;
    for (int iteration = 0; iteration < options.smoothingIterations; ++iteration) {
        // Taubin: a shrinking step (λ > 0) then an inflating one (μ < −λ), so the surface is
        // smoothed without the volume loss of plain Laplacian relaxation.
        const float lambda = (iteration % 2 == 0) ? options.relaxation : options.inflation;
        for (std::size_t v = 0; v < mesh.points.size(); ++v) {
            const int n = neighbours.count[v];
            std::array<float, 3> p = mesh.points[v];
            if (n > 0) {
                std::array<float, 3> mean{0, 0, 0};
                for (int i = 0; i < n; ++i) {
                    const auto &q = mesh.points[neighbours.ids[v][i]];
                    for (int a = 0; a < 3; ++a) mean[a] += q[a];
                }
                for (int a = 0; a < 3; ++a) {
                    p[a] += lambda * (mean[a] / n - p[a]);
                    p[a] = std::clamp(p[a], centres[v][a] - limit, centres[v][a] + limit);
                }
            }
            next[v] = p;
        }
        mesh.points.swap(next);
    }
}

SurfaceNetMesh SurfaceNets::extract(const LabelVolumeView &volume, std::int16_t label, const std::array<int, 3> &lo,
                                    const std::array<int, 3> &hi, const SurfaceNetOptions &options,
                                    const core::JobContext *context) {
    for (int a = 0; a < 3; ++a)
        if (!volume.voxels || hi[a] < lo[a]) return {};
    NetBuilder builder(volume, label, lo, hi);
    if (!builder.run(context)) return {};
    smooth(builder.mesh, builder.centres, options);
    return std::move(builder.mesh);
}

}  // namespace twin::imaging
