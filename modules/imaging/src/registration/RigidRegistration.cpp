#include "twin/imaging/RigidRegistration.h"

#include "ItkFloatImage.h"

#include <itkCommand.h>
#include <itkImageRegionConstIteratorWithIndex.h>
#include <itkImageRegistrationMethodv4.h>
#include <itkLinearInterpolateImageFunction.h>
#include <itkMattesMutualInformationImageToImageMetricv4.h>
#include <itkRegistrationParameterScalesFromPhysicalShift.h>
#include <itkRegularStepGradientDescentOptimizerv4.h>
#include <itkVersorRigid3DTransform.h>

#include <cmath>
#include <numbers>

namespace twin::imaging {

namespace {

using registration::FloatImage;
using TransformType = itk::VersorRigid3DTransform<double>;
using OptimizerType = itk::RegularStepGradientDescentOptimizerv4<double>;
using MetricType = itk::MattesMutualInformationImageToImageMetricv4<FloatImage, FloatImage>;
using RegistrationType = itk::ImageRegistrationMethodv4<FloatImage, FloatImage, TransformType>;

constexpr double kBodyThresholdHu = -500.0;
constexpr int kLevels = 2;

/// Reports iterations as progress and stops the optimiser when the job is cancelled.
class IterationObserver : public itk::Command {
public:
    using Self = IterationObserver;
    using Pointer = itk::SmartPointer<Self>;
    itkNewMacro(Self)
    void setup(core::JobContext *context, int iterationsPerLevel) {
        context_ = context;
        iterationsPerLevel_ = iterationsPerLevel;
    }
    void Execute(itk::Object *caller, const itk::EventObject &event) override { Execute(static_cast<const itk::Object *>(caller), event); }
    void Execute(const itk::Object *caller, const itk::EventObject &event) override {
        if (!itk::IterationEvent().CheckEvent(&event)) return;
        ++iterations_;
        auto *optimizer = const_cast<OptimizerType *>(dynamic_cast<const OptimizerType *>(caller));
        if (!context_ || !optimizer) return;
        if (context_->isCancelled()) {
            cancelled_ = true;
            optimizer->StopOptimization();
            return;
        }
        const double done = std::min(1.0, static_cast<double>(iterations_) / (kLevels * iterationsPerLevel_));
        context_->setProgress(0.1 + 0.8 * done, QStringLiteral("Registering the images"));
    }
    int iterations() const { return iterations_; }
    bool cancelled() const { return cancelled_; }

private:
    core::JobContext *context_ = nullptr;
    int iterationsPerLevel_ = 1;
    int iterations_ = 0;
    bool cancelled_ = false;
};

/// Normalised cross-correlation of the fixed body and the moving image at the mapped points.
double bodyCrossCorrelation(const FloatImage &fixed, const FloatImage *moving, const TransformType &transform) {
    auto interpolator = itk::LinearInterpolateImageFunction<FloatImage, double>::New();
    interpolator->SetInputImage(moving);
    double sf = 0.0, sm = 0.0, sff = 0.0, smm = 0.0, sfm = 0.0;
    std::size_t n = 0;
    itk::ImageRegionConstIteratorWithIndex<FloatImage> it(&fixed, fixed.GetLargestPossibleRegion());
    for (; !it.IsAtEnd(); ++it) {
        const double f = it.Get();
        if (f <= kBodyThresholdHu) continue;
        FloatImage::PointType p;
        fixed.TransformIndexToPhysicalPoint(it.GetIndex(), p);
        const auto q = transform.TransformPoint(p);
        if (!interpolator->IsInsideBuffer(q)) continue;
        const double m = interpolator->Evaluate(q);
        sf += f;
        sm += m;
        sff += f * f;
        smm += m * m;
        sfm += f * m;
        ++n;
    }
    if (n < 2) return 0.0;
    const double cov = sfm - sf * sm / n;
    const double vf = sff - sf * sf / n;
    const double vm = smm - sm * sm / n;
    return (vf > 0.0 && vm > 0.0) ? cov / std::sqrt(vf * vm) : 0.0;
}

QString verdict(const RigidRegistrationResult &result) {
    if (result.nccAfter >= 0.75) return QStringLiteral("good");
    if (result.nccAfter >= 0.60) return QStringLiteral("acceptable");
    return QStringLiteral("poor");
}

}  // namespace

std::array<double, 3> RigidRegistrationResult::fixedToMoving(const std::array<double, 3> &f) const {
    std::array<double, 3> m{};
    for (int r = 0; r < 3; ++r) {
        double v = centreMm[r] + translationMm[r];
        for (int c = 0; c < 3; ++c) v += rotation[3 * r + c] * (f[c] - centreMm[c]);
        m[r] = v;
    }
    return m;
}

std::array<double, 3> RigidRegistrationResult::movingToFixed(const std::array<double, 3> &m) const {
    // f = R^T (m - c - t) + c (R is orthonormal).
    std::array<double, 3> f{};
    for (int c = 0; c < 3; ++c) {
        double v = centreMm[c];
        for (int r = 0; r < 3; ++r) v += rotation[3 * r + c] * (m[r] - centreMm[r] - translationMm[r]);
        f[c] = v;
    }
    return f;
}

QString RigidRegistrationResult::summary() const {
    const double shift = std::hypot(translationMm[0], translationMm[1], translationMm[2]);
    return QStringLiteral("NCC %1 (was %2), %3 mm, %4°: %5")
        .arg(nccAfter, 0, 'f', 2)
        .arg(nccBefore, 0, 'f', 2)
        .arg(shift, 0, 'f', 1)
        .arg(rotationDegrees, 0, 'f', 1)
        .arg(quality);
}

double RigidRegistration::crossCorrelation(const core::ScalarVolume &fixedVolume, const core::ScalarVolume &movingVolume,
                                           const RigidRegistrationResult &mapping,
                                           const RigidRegistrationOptions &options) {
    if (fixedVolume.isEmpty() || movingVolume.isEmpty()) return 0.0;
    const auto fixed = registration::blockAverage(
        fixedVolume, registration::blockFactorsFor(fixedVolume.geometry(), options.workingSpacingMm));
    const auto moving = registration::blockAverage(
        movingVolume, registration::blockFactorsFor(movingVolume.geometry(), options.workingSpacingMm));
    auto transform = TransformType::New();
    TransformType::MatrixType matrix;
    TransformType::InputPointType centre;
    TransformType::OutputVectorType translation;
    for (unsigned r = 0; r < 3; ++r) {
        for (unsigned c = 0; c < 3; ++c) matrix[r][c] = mapping.rotation[3 * r + c];
        centre[r] = mapping.centreMm[r];
        translation[r] = mapping.translationMm[r];
    }
    transform->SetCenter(centre);
    transform->SetMatrix(matrix, 1e-6);
    transform->SetTranslation(translation);
    return bodyCrossCorrelation(*fixed, moving.GetPointer(), *transform);
}

core::Result<RigidRegistrationResult> RigidRegistration::align(const core::ScalarVolume &fixedVolume,
                                                               const core::ScalarVolume &movingVolume,
                                                               const RigidRegistrationOptions &options,
                                                               core::JobContext *context) {
    if (fixedVolume.isEmpty() || movingVolume.isEmpty()) {
        return core::Error::invalidInput(QStringLiteral("registration needs two non-empty images"));
    }
    if (context) context->setProgress(0.0, QStringLiteral("Preparing the registration"));
    const auto fixed = registration::blockAverage(
        fixedVolume, registration::blockFactorsFor(fixedVolume.geometry(), options.workingSpacingMm));
    const auto moving = registration::blockAverage(
        movingVolume, registration::blockFactorsFor(movingVolume.geometry(), options.workingSpacingMm));
    std::array<double, 3> fixedCentre{}, movingCentre{};
    if (!registration::bodyCentroid(*fixed, kBodyThresholdHu, fixedCentre) ||
        !registration::bodyCentroid(*moving, kBodyThresholdHu, movingCentre)) {
        return core::Error::invalidInput(QStringLiteral("no body (voxels above -500 HU) in one of the images"));
    }

    RigidRegistrationResult result;
    auto identity = TransformType::New();
    result.nccBefore = bodyCrossCorrelation(*fixed, moving.GetPointer(), *identity);

    auto transform = TransformType::New();
    TransformType::InputPointType centre;
    TransformType::OutputVectorType shift;
    for (unsigned a = 0; a < 3; ++a) {
        centre[a] = fixedCentre[a];
        shift[a] = movingCentre[a] - fixedCentre[a];
    }
    transform->SetCenter(centre);
    transform->SetTranslation(shift);

    auto metric = MetricType::New();
    metric->SetNumberOfHistogramBins(50);
    auto optimizer = OptimizerType::New();
    // Scales from the physical shift each parameter causes (ITK's estimator, over the fixed
    // image's corners): a versor component moves points by about twice the lever arm, a
    // translation by 1 mm. With them the regular-step optimiser's step length is a distance:
    // points move at most `learning rate` mm per iteration, rotation or translation alike
    // (hand-set scales such as 1 : 1/300 let a single step rotate by tens of degrees).
    auto scalesEstimator = itk::RegistrationParameterScalesFromPhysicalShift<MetricType>::New();
    scalesEstimator->SetMetric(metric);
    scalesEstimator->SetTransformForward(true);
    optimizer->SetScalesEstimator(scalesEstimator);
    optimizer->SetDoEstimateLearningRateOnce(false);
    optimizer->SetDoEstimateLearningRateAtEachIteration(false);
    optimizer->SetLearningRate(4.0);
    optimizer->SetMinimumStepLength(0.05);
    optimizer->SetRelaxationFactor(0.5);
    optimizer->SetNumberOfIterations(static_cast<itk::SizeValueType>(options.iterationsPerLevel));
    optimizer->SetReturnBestParametersAndValue(true);
    auto observer = IterationObserver::New();
    observer->setup(context, options.iterationsPerLevel);
    optimizer->AddObserver(itk::IterationEvent(), observer);

    auto registration = RegistrationType::New();
    registration->SetFixedImage(fixed);
    registration->SetMovingImage(moving);
    registration->SetMetric(metric);
    registration->SetOptimizer(optimizer);
    registration->SetInitialTransform(transform);
    registration->InPlaceOn();
    registration->SetNumberOfLevels(kLevels);
    RegistrationType::ShrinkFactorsArrayType shrink(kLevels);
    shrink[0] = 2;
    shrink[1] = 1;
    RegistrationType::SmoothingSigmasArrayType sigmas(kLevels);
    sigmas[0] = 1.0;
    sigmas[1] = 0.0;
    registration->SetShrinkFactorsPerLevel(shrink);
    registration->SetSmoothingSigmasPerLevel(sigmas);
    registration->SetSmoothingSigmasAreSpecifiedInPhysicalUnits(false);
    registration->SetMetricSamplingStrategy(RegistrationType::MetricSamplingStrategyEnum::RANDOM);
    registration->SetMetricSamplingPercentage(options.samplingFraction);
    registration->MetricSamplingReinitializeSeed(static_cast<int>(options.randomSeed));
    try {
        registration->Update();
    } catch (const itk::ExceptionObject &e) {
        return core::Error::internal(QStringLiteral("ITK registration failed: %1").arg(QString::fromUtf8(e.GetDescription())));
    }
    if (observer->cancelled()) return core::Error::cancelled();

    const auto *final = registration->GetTransform();
    const auto matrix = final->GetMatrix();
    const auto offsetCentre = final->GetCenter();
    const auto translation = final->GetTranslation();
    for (unsigned r = 0; r < 3; ++r) {
        for (unsigned c = 0; c < 3; ++c) result.rotation[3 * r + c] = matrix[r][c];
        result.centreMm[r] = offsetCentre[r];
        result.translationMm[r] = translation[r];
    }
    result.rotationDegrees = final->GetVersor().GetAngle() * 180.0 / std::numbers::pi;
    result.mutualInformation = optimizer->GetValue();
    result.iterations = observer->iterations();
    result.reachedIterationLimit = optimizer->GetCurrentIteration() + 1 >= optimizer->GetNumberOfIterations();
    result.stopCondition = QString::fromStdString(optimizer->GetStopConditionDescription());
    if (context) context->setProgress(0.95, QStringLiteral("Checking the registration"));
    result.nccAfter = bodyCrossCorrelation(*fixed, moving.GetPointer(), *final);
    result.quality = verdict(result);
    if (context) context->setProgress(1.0, QStringLiteral("Registered"));
    return result;
}

}  // namespace twin::imaging
