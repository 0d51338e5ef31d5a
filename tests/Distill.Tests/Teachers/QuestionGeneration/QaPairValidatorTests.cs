using Distill.Corpora;
using Distill.Teachers.QuestionGeneration;

namespace Distill.Tests.Teachers.QuestionGeneration;

public class QaPairValidatorTests
{
    static readonly Document Note = new("n1", "Past Medical History: gout,\nhypertension.\nPertinent Results: Creatinine 1.6 mg/dL. He denies chest pain.");

    static QaCandidate C(string question, string type, string answer, string source, string section = "Pertinent Results", string difficulty = "3") =>
        new(question, type, answer, section, source, difficulty, "because");

    static QaValidation Validate(params QaCandidate?[] candidates) => QaPairValidator.Validate(Note, candidates, "test", QaGeneratorKind.Llm);

    [Fact]
    public void Keeps_valid_pairs_of_every_type_with_the_quote_offset()
    {
        var result = Validate(
            C("What is the creatinine?", "numeric", "1.6", "Creatinine 1.6 mg/dL."),
            C("Does he have chest pain?", "yes_no", "no.", "He denies chest pain."),
            C("What is his troponin?", "na-numeric", "Not mentioned", ""),
            C("Does he have lupus?", "na_bool", "N/A", ""));
        Assert.Empty(result.Rejected);
        Assert.Equal([QaPairType.Numeric, QaPairType.YesNo, QaPairType.NaNumeric, QaPairType.NaBool], result.Kept.Select(p => p.Type));
        Assert.Equal("No", result.Kept[1].Answer);
        Assert.Equal("N/A", result.Kept[2].Answer);
        var numeric = result.Kept[0];
        Assert.Equal("Creatinine 1.6 mg/dL.", Note.Text.Substring(numeric.SourceStart, numeric.Source.Length));
    }

    [Fact]
    public void A_quote_rewrapped_by_the_model_is_found_and_stored_as_the_note_has_it()
    {
        var pair = Assert.Single(Validate(C("Gout?", "yes_no", "Yes", "gout, hypertension.", "Past Medical History")).Kept);
        Assert.Equal("gout,\nhypertension.", pair.Source);
    }

    [Fact]
    public void Rejects_each_problem_with_its_reason()
    {
        var result = Validate(
            null,
            C("", "yes_no", "Yes", "gout"),
            C("Q1?", "free_text", "Yes", "gout"),
            C("Q2?", "yes_no", "Yes", "gout", section: "Radiology"),
            C("Q3?", "yes_no", "Yes", "gout and lupus"),
            C("Q4?", "yes_no", "Maybe", "gout"),
            C("Q5?", "numeric", "2.0", "Creatinine 1.6 mg/dL."),
            C("Q6?", "numeric", "high", "Creatinine 1.6 mg/dL."),
            C("Q7?", "na-bool", "Yes", ""),
            C("Q8?", "yes_no", "Yes", "gout", difficulty: "11"),
            C("Q9?", "yes_no", "Yes", ""),
            C("Does he have gout?", "yes_no", "Yes", "gout"),
            C("does he have  GOUT", "yes_no", "Yes", "gout"));
        Assert.Single(result.Kept);
        Assert.Equal(
        [
            QaRejectionReason.NotAnObject, QaRejectionReason.MissingField, QaRejectionReason.UnknownType, QaRejectionReason.UnknownSection,
            QaRejectionReason.SourceNotInNote, QaRejectionReason.AnswerInconsistent, QaRejectionReason.ValueNotInSource, QaRejectionReason.AnswerInconsistent,
            QaRejectionReason.AnswerInconsistent, QaRejectionReason.BadDifficulty, QaRejectionReason.SourceNotInNote, QaRejectionReason.Duplicate,
        ], result.Rejected.Select(r => r.Reason));
    }
}
