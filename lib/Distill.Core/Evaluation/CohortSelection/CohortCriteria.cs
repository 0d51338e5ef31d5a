namespace Distill.Evaluation.CohortSelection;

/// <summary>
/// The 13 n2c2 2018 Track 1 criteria as question templates, after Woo et al.'s zero-shot evaluation: creatinine is asked
/// as a number and thresholded (&gt; 1.3 mg/dL, the upper limit of normal), HbA1c as a number in 6.5-9.5 %, the others as
/// yes/no questions paraphrasing the challenge's criterion definitions. One place, so every model is asked the same.
/// </summary>
public static class CohortCriteria
{
    public static IReadOnlyList<CohortCriterion> All { get; } =
    [
        new("ABDOMINAL", ["Has the patient had intra-abdominal surgery, a bowel resection or a small bowel obstruction?"]),
        new("ADVANCED-CAD", ["Does the patient have advanced coronary artery disease, such as a past myocardial infarction together with angina or ischemia?"]),
        new("ALCOHOL-ABUSE", ["Does the patient currently drink alcohol above the recommended limits or have alcohol abuse?"]),
        new("ASP-FOR-MI", ["Does the patient take aspirin to prevent myocardial infarction?"]),
        new("CREATININE", ["What is the patient's creatinine value?"], Numeric: true, Minimum: 1.3, MinimumExclusive: true),
        new("DIETSUPP-2MOS", ["Has the patient taken a dietary supplement, other than vitamin D, in the past two months?"]),
        new("DRUG-ABUSE", ["Does the patient have current or past drug abuse?"]),
        new("ENGLISH", ["Does the patient speak English?"]),
        new("HBA1C", ["What is the patient's HbA1c value?"], Numeric: true, Minimum: 6.5, Maximum: 9.5),
        new("KETO-1YR", ["Has the patient had ketoacidosis in the past year?"]),
        new("MAJOR-DIABETES", ["Does the patient have a major complication of diabetes, such as neuropathy, nephropathy, retinopathy or an amputation?"]),
        new("MAKES-DECISIONS", ["Does the patient make their own medical decisions?"]),
        new("MI-6MOS", ["Has the patient had a myocardial infarction in the past six months?"]),
    ];
}
