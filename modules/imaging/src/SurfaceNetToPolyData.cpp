#include "twin/imaging/SurfaceNetToPolyData.h"

#include <vtkCellArray.h>
#include <vtkFloatArray.h>
#include <vtkIdTypeArray.h>
#include <vtkImageData.h>
#include <vtkMatrix3x3.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>

#include <cmath>
#include <vector>

namespace twin::imaging {

namespace {

using Vec = std::array<double, 3>;

Vec minus(const Vec &a, const Vec &b) { return {a[0] - b[0], a[1] - b[1], a[2] - b[2]}; }
Vec cross(const Vec &a, const Vec &b) {
    return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}
double squared(const Vec &a) { return a[0] * a[0] + a[1] * a[1] + a[2] * a[2]; }

}  // namespace

IndexToPatient IndexToPatient::of(vtkImageData *image) {
    IndexToPatient t;
    const double *origin = image->GetOrigin();
    const double *spacing = image->GetSpacing();
    vtkMatrix3x3 *direction = image->GetDirectionMatrix();
    for (int r = 0; r < 3; ++r) {
        t.origin[r] = origin[r];
        for (int c = 0; c < 3; ++c) t.matrix[r][c] = direction->GetElement(r, c) * spacing[c];
    }
    t.mirrored = direction->Determinant() < 0.0;
    return t;
}

vtkSmartPointer<vtkPolyData> toPolyData(const SurfaceNetMesh &mesh, const IndexToPatient &toPatient) {
    const vtkIdType pointCount = static_cast<vtkIdType>(mesh.points.size());
    std::vector<Vec> positions(mesh.points.size());
    vtkNew<vtkPoints> points;
    points->SetDataTypeToFloat();
    points->SetNumberOfPoints(pointCount);
    auto *xyz = static_cast<float *>(points->GetVoidPointer(0));
    for (vtkIdType v = 0; v < pointCount; ++v) {
        positions[v] = toPatient.map(mesh.points[v]);
        for (int a = 0; a < 3; ++a) xyz[3 * v + a] = static_cast<float>(positions[v][a]);
    }

    const vtkIdType triangleCount = static_cast<vtkIdType>(mesh.quads.size()) * 2;
    vtkNew<vtkIdTypeArray> offsets, connectivity;
    offsets->SetNumberOfValues(triangleCount + 1);
    connectivity->SetNumberOfValues(triangleCount * 3);
    vtkIdType *offset = offsets->GetPointer(0);
    vtkIdType *corner = connectivity->GetPointer(0);
    std::vector<Vec> normalSum(mesh.points.size(), Vec{0, 0, 0});
    vtkIdType t = 0;
    auto addTriangle = [&](std::int32_t a, std::int32_t b, std::int32_t c) {
        if (toPatient.mirrored) std::swap(b, c);
        offset[t] = 3 * t;
        corner[3 * t] = a;
        corner[3 * t + 1] = b;
        corner[3 * t + 2] = c;
        ++t;
        const Vec n = cross(minus(positions[b], positions[a]), minus(positions[c], positions[a]));  // 2 × area
        for (const std::int32_t v : {a, b, c})
            for (int k = 0; k < 3; ++k) normalSum[v][k] += n[k];
    };
    for (const auto &q : mesh.quads) {
        if (squared(minus(positions[q[0]], positions[q[2]])) <= squared(minus(positions[q[1]], positions[q[3]]))) {
            addTriangle(q[0], q[1], q[2]);
            addTriangle(q[0], q[2], q[3]);
        } else {
            addTriangle(q[0], q[1], q[3]);
            addTriangle(q[1], q[2], q[3]);
        }
    }
    offset[t] = 3 * t;

    vtkNew<vtkFloatArray> normals;
    normals->SetName("Normals");
    normals->SetNumberOfComponents(3);
    normals->SetNumberOfTuples(pointCount);
    for (vtkIdType v = 0; v < pointCount; ++v) {
        const double length = std::sqrt(squared(normalSum[v]));
        for (int a = 0; a < 3; ++a) normals->SetTypedComponent(v, a, length > 0 ? float(normalSum[v][a] / length) : 0.0f);
    }

    vtkNew<vtkCellArray> polys;
    polys->SetData(offsets, connectivity);
    auto poly = vtkSmartPointer<vtkPolyData>::New();
    poly->SetPoints(points);
    poly->SetPolys(polys);
    poly->GetPointData()->SetNormals(normals);
    return poly;
}

}  // namespace twin::imaging
