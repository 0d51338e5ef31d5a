using Distill.Teachers.QuestionGeneration;

namespace Distill.Tests.Teachers.QuestionGeneration;

public class LabTestsTests
{
    [Fact]
    public void Finds_values_after_names_and_aliases()
    {
        var found = LabTests.Find("HbA1c 8.1%. Creatinine was 1.6 mg/dL. K 4.4. Hemoglobin A1c: 7.0. The kidney is fine. Potassium level of 3.9");
        Assert.Equal(["HbA1c", "creatinine", "potassium", "HbA1c", "potassium"], found.Select(f => f.Test.Name));
        Assert.Equal([8.1, 1.6, 4.4, 7.0, 3.9], found.Select(f => f.Value));
        Assert.Equal("1.6", "HbA1c 8.1%. Creatinine was 1.6 mg/dL."[found[1].ValueStart..(found[1].ValueStart + 3)]);
    }

    [Fact]
    public void Short_aliases_match_only_in_capitals() =>
        Assert.Empty(LabTests.Find("take k 4 times; na 3 times"));
}
