using Distill.Corpora;

namespace Distill.Tests.Corpora;

public class LabelMapTests
{
    [Theory]
    [InlineData("SpecificDisease", LabelResolution.Mapped, "disease")]
    [InlineData("CompositeMention", LabelResolution.Mapped, "disease")]
    [InlineData("Chemical", LabelResolution.Rejected, "Chemical")]
    public void PubTator_disease_map_rejects_other_types(string source, LabelResolution expected, string mapped)
    {
        Assert.Equal(expected, LabelMap.PubTatorDisease.Resolve(source, out var target));
        Assert.Equal(mapped, target);
    }

    [Fact]
    public void N2c2_map_takes_drug_and_skips_the_other_eight_types()
    {
        string[] others = ["Strength", "Dosage", "Duration", "Frequency", "Form", "Route", "Reason", "ADE"];

        Assert.Equal(LabelResolution.Mapped, LabelMap.N2c2Medication.Resolve("Drug", out var drug));
        Assert.Equal(EntityTypes.Medication, drug);
        Assert.All(others, t => Assert.Equal(LabelResolution.Skipped, LabelMap.N2c2Medication.Resolve(t, out _)));
        Assert.Equal(LabelResolution.Skipped, LabelMap.N2c2Medication.Resolve("drug", out _)); // exact, case-sensitive
    }

    [Fact]
    public void Identity_keeps_every_type()
    {
        Assert.Equal(LabelResolution.Mapped, LabelMap.Identity.Resolve("Anything", out var t));
        Assert.Equal("Anything", t);
    }

    [Fact]
    public void A_configured_map_can_send_drug_elsewhere()
    {
        var map = new LabelMap(new Dictionary<string, string> { ["Drug"] = "drug", ["ADE"] = EntityTypes.Symptom }, UnmappedTypePolicy.Keep);

        Assert.Equal(LabelResolution.Mapped, map.Resolve("ADE", out var ade));
        Assert.Equal(EntityTypes.Symptom, ade);
        Assert.Equal(LabelResolution.Mapped, map.Resolve("Route", out var route));
        Assert.Equal("Route", route);
    }
}
