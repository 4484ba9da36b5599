#pragma once
// A two-column table a model reads at initialisation: a dose-volume histogram of an organ
// (x = dose in Gy at the bin centre, y = fraction of the organ's volume in the bin, summing
// to 1), or a series of the patient's observations (x = days, y = value). Which tables a model
// takes, with their units and where the host fills them from, is declared in model.json
// "tables". An empty table means the host has none: the model uses its declared fallback.

#include <vector>

namespace twin::sim_api {

struct Table {
    std::vector<double> x;
    std::vector<double> y;  // same length as x
    bool empty() const { return x.empty(); }
};

}  // namespace twin::sim_api
