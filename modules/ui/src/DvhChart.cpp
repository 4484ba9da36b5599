#include "twin/ui/DvhChart.h"

#include "twin/ui/VtkOpenGLView.h"

#include <vtkAxis.h>
#include <vtkChartLegend.h>
#include <vtkChartXY.h>
#include <vtkContextActor.h>
#include <vtkContextScene.h>
#include <vtkFloatArray.h>
#include <vtkNew.h>
#include <vtkPen.h>
#include <vtkPlot.h>
#include <vtkRenderer.h>
#include <vtkTable.h>
#include <vtkTextProperty.h>

namespace twin::ui {

DvhChart::DvhChart(VtkOpenGLView *view) : view_(view) {
    vtkNew<vtkChartXY> chart;
    chart->SetShowLegend(true);
    chart->GetAxis(vtkAxis::BOTTOM)->SetTitle("Dose (Gy)");
    chart->GetAxis(vtkAxis::LEFT)->SetTitle("Volume (%)");
    chart->GetAxis(vtkAxis::LEFT)->SetRange(0.0, 100.0);
    chart->GetAxis(vtkAxis::LEFT)->SetBehavior(vtkAxis::FIXED);
    chart->GetLegend()->SetHorizontalAlignment(vtkChartLegend::RIGHT);
    chart->GetLegend()->SetVerticalAlignment(vtkChartLegend::TOP);
    chart->GetLegend()->GetLabelProperties()->SetFontSize(10);
    vtkNew<vtkContextActor> actor;
    actor->GetScene()->AddItem(chart);
    view_->renderer()->SetBackground(1.0, 1.0, 1.0);
    view_->renderer()->AddActor(actor);
    chart_ = chart;  // the scene holds it
}

DvhChart::~DvhChart() = default;

void DvhChart::setCurves(const std::vector<DvhCurve> &curves) {
    chart_->ClearPlots();
    for (const DvhCurve &curve : curves) {
        if (curve.points.empty()) continue;
        vtkNew<vtkTable> table;
        vtkNew<vtkFloatArray> dose, volume;
        dose->SetName("Dose (Gy)");
        volume->SetName(curve.name.toUtf8().constData());
        table->AddColumn(dose);
        table->AddColumn(volume);
        table->SetNumberOfRows(static_cast<vtkIdType>(curve.points.size()));
        for (std::size_t i = 0; i < curve.points.size(); ++i) {
            table->SetValue(static_cast<vtkIdType>(i), 0, curve.points[i].doseGy);
            table->SetValue(static_cast<vtkIdType>(i), 1, curve.points[i].volumePercent);
        }
        vtkPlot *line = chart_->AddPlot(vtkChart::LINE);
        line->SetInputData(table, 0, 1);
        line->SetColor(static_cast<unsigned char>(curve.rgb[0]), static_cast<unsigned char>(curve.rgb[1]),
                       static_cast<unsigned char>(curve.rgb[2]), 255);
        line->SetWidth(2.0);
    }
    chart_->RecalculateBounds();
    chart_->GetAxis(vtkAxis::LEFT)->SetRange(0.0, 100.0);
    view_->requestRender();
}

int DvhChart::plotCount() const { return static_cast<int>(chart_->GetNumberOfPlots()); }

}  // namespace twin::ui
