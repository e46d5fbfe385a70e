#pragma once
// Military Load Class approximated from gross weight, for vehicles without a published MLC.
//
// A real MLC (STANAG 2021 / AEP-3.12.1.5) compares a vehicle's bending moments and shear
// forces with those of hypothetical vehicles and depends on axle or track geometry, so
// anything computed from weight alone is an estimate: the catalogue marks it "computed".

namespace milmob::vehicles {

// The class, rounded up to a whole number (conservative). NaN in, NaN out; 0 for weight <= 0.
// Exact on the DOMAIN.md table points: tracked 36.3 t -> 40, 72.6 t -> 80; wheeled
// 42.6 t -> 40, 52.6 t -> 50, 83.5 t -> 80, 104.3 t -> 100, 125.2 t -> 120.
double mlc_from_weight(double weight_t, bool tracked);

// The heaviest gross weight (tonnes) that mlc_from_weight still puts in class `mlc`, so that
// mlc_from_weight(weight_from_mlc(c, t), t) == c; used to explain a class in tonnes.
double weight_from_mlc(double mlc, bool tracked);

}  // namespace milmob::vehicles
