using Distill.Corpora;
using Distill.Corpora.Relations;
using Distill.Students.Checkpoints;
using Distill.Students.Tokenization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Distill.Students.Relations;

/// <summary>
/// The drug-conditioned ADE student of Gu et al. 2023 (arXiv 2307.06439) on our BERT modules: a sentence is encoded
/// once, (B, T, H); its drug mentions come from a drug NER head on the same states (<c>classifier</c>, IO tags O /
/// medication: the <see cref="StudentModel"/> inside, a plain <c>BertForTokenClassification</c> that transformers
/// loads) or are given; for each drug the states of its pieces are mean-pooled into h_drug, and every token state h_t
/// is combined with it as [h_t; h_drug; h_t ⊙ h_drug] (3H) before a linear IO tagger (<c>ade_classifier</c>) of that
/// drug's adverse-event tokens. So M drugs cost one encoder pass and M light head passes. The concatenation with the
/// element-wise product is the usual matching feature (as in natural-language inference, Mou et al. 2016): the product
/// lets a linear layer score how a token relates to this drug, which a plain concatenation can only add, not compare.
/// </summary>
public sealed class DrugConditionedAdeStudent : IDisposable
{
    /// <summary>Labels of the drug NER head.</summary>
    public static IReadOnlyList<string> DrugLabels { get; } = [IoTagging.Outside, AdeTypes.Drug];

    readonly Dropout dropout;

    DrugConditionedAdeStudent(StudentModel drugs, Linear adeHead)
    {
        Drugs = drugs;
        AdeHead = adeHead;
        dropout = nn.Dropout(drugs.Config.ClassifierDropout ?? drugs.Config.HiddenDropoutProb);
    }

    /// <summary>The encoder and drug NER head.</summary>
    public StudentModel Drugs { get; }

    /// <summary>The drug-conditioned adverse-event tagger: (…, 3H) → (…, 2).</summary>
    public Linear AdeHead { get; }

    public WordPieceEncoder Encoder => Drugs.Encoder;
    public Device Device => Drugs.Model.Device;

    /// <summary>Every trainable parameter, HF names (the ADE head's under <c>ade_classifier.</c>).</summary>
    public IReadOnlyList<(string name, Parameter parameter)> NamedParameters =>
        [.. Drugs.Model.named_parameters(), .. AdeHead.named_parameters().Select(p => ("ade_classifier." + p.name, p.parameter))];

    /// <summary>A fresh student on the encoder in <paramref name="encoderDirectory"/> (a pretrained folder: its classifier is new), seeded.</summary>
    public static DrugConditionedAdeStudent Create(string encoderDirectory, int seed, Device? device = null)
    {
        manual_seed(seed);
        var drugs = StudentModel.Load(encoderDirectory, out _, DrugLabels, device);
        var head = nn.Linear(3L * drugs.Config.HiddenSize, 2);
        using (no_grad())
        {
            // HF's _init_weights for the new head: N(0, initializer_range), bias 0.
            head.weight!.normal_(0, drugs.Config.InitializerRange);
            head.bias!.zero_();
        }
        if (device is not null && device.type != DeviceType.CPU) head.to(device);
        return new DrugConditionedAdeStudent(drugs, head);
    }

    /// <summary>Loads a student saved by <see cref="Save"/>; a folder with another head is an error naming it.</summary>
    public static DrugConditionedAdeStudent Load(string directory, Device? device = null)
    {
        var head = AdeStudentHead.Read(directory);
        if (head != AdeStudentHead.DrugConditioned)
            throw new InvalidDataException($"'{directory}' holds {(head is null ? "no ADE head" : $"the head '{head}'")}, not '{AdeStudentHead.DrugConditioned}'.");
        var drugs = StudentModel.Load(directory, out _, DrugLabels, device);
        var linear = nn.Linear(3L * drugs.Config.HiddenSize, 2);
        var path = Path.Combine(directory, AdeStudentHead.HeadFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"'{directory}' names the head '{head}' but has no {AdeStudentHead.HeadFile}.", path);
        using (var tensors = SafetensorsFile.Read(path, CheckpointReadLimits.ForModel(linear.weight!.numel() + 2, 0)))
        using (no_grad())
        {
            foreach (var (name, parameter) in linear.named_parameters())
            {
                if (!tensors.Tensors.TryGetValue("ade_classifier." + name, out var stored) || !stored.shape.SequenceEqual(parameter.shape))
                    throw new InvalidDataException($"{path}: 'ade_classifier.{name}' is missing or has the wrong shape (expected [{string.Join(", ", parameter.shape)}]).");
                parameter.copy_(stored);
            }
        }
        if (device is not null && device.type != DeviceType.CPU) linear.to(device);
        return new DrugConditionedAdeStudent(drugs, linear);
    }

    /// <summary>
    /// Saves in our Hugging Face layout: the encoder and drug NER head as a BertForTokenClassification
    /// (model.safetensors, config.json, vocab), the ADE head in <see cref="AdeStudentHead.HeadFile"/>, and
    /// <c>distill_head</c> in config.json saying which head this is and how it combines the states.
    /// </summary>
    public void Save(string directory, IReadOnlyDictionary<string, object?>? provenance = null)
    {
        Drugs.Save(directory, provenance);
        SafetensorsFile.Write(Path.Combine(directory, AdeStudentHead.HeadFile), AdeHead.named_parameters().Select(p => ("ade_classifier." + p.name, (Tensor)p.parameter)));
        AdeStudentHead.Write(directory, AdeStudentHead.DrugConditioned, new Dictionary<string, object?>
        {
            ["combine"] = "[h_t; mean(h_drug); h_t * mean(h_drug)] -> linear(3H, 2)",
            ["drug_labels"] = DrugLabels,
            ["event_labels"] = new[] { IoTagging.Outside, AdeTypes.AdverseEffect },
            ["weights"] = AdeStudentHead.HeadFile,
            ["paper"] = "Gu et al. 2023, arXiv 2307.06439",
        });
    }

    public void Train(bool on)
    {
        Drugs.Model.train(on);
        AdeHead.train(on);
        dropout.train(on);
    }

    /// <summary>
    /// One encoder pass: (B, T) ids and mask → drug NER logits (B, T, 2), and for D drugs (the (D, T) 0/1 piece masks
    /// <paramref name="drugPieces"/> of sentences <paramref name="drugSentence"/>) adverse-event logits (D, T, 2); null when D = 0.
    /// </summary>
    public (Tensor DrugLogits, Tensor? EventLogits) Forward(Tensor ids, Tensor? mask, Tensor? drugPieces, Tensor? drugSentence)
    {
        using var scope = NewDisposeScope();
        var hidden = Drugs.Model.Bert.forward(ids, mask, null);             // (B, T, H)
        var drugLogits = Drugs.Model.Classify(hidden);                       // (B, T, 2)
        if (drugPieces is null || drugSentence is null || drugPieces.shape[0] == 0)
            return (drugLogits.MoveToOuterDisposeScope(), null);
        var eventLogits = EventLogits(hidden, drugPieces, drugSentence);     // (D, T, 2)
        return (drugLogits.MoveToOuterDisposeScope(), eventLogits.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The head on (B, T, H) states for D drugs: h_drug is the mean of the states of the drug's pieces ((D, T) 0/1 mask
    /// <paramref name="drugPieces"/> over sentence <paramref name="drugSentence"/>[d]), combined with every token state.
    /// </summary>
    Tensor EventLogits(Tensor hidden, Tensor drugPieces, Tensor drugSentence)
    {
        var states = hidden.index_select(0, drugSentence);                  // (D, T, H)
        var weights = drugPieces.to(states.dtype).unsqueeze(-1);            // (D, T, 1)
        var drug = (states * weights).sum(1) / weights.sum(1).clamp_min(1);  // (D, H): mean over the drug's pieces
        var expanded = drug.unsqueeze(1).expand_as(states);                  // (D, T, H)
        return AdeHead.forward(dropout.forward(cat([states, expanded, states * expanded], -1))); // (D, T, 3H) -> (D, T, 2)
    }

    /// <summary>
    /// Pairs of each sentence: drugs from the NER head (or <paramref name="givenDrugs"/>), then each drug's adverse events.
    /// Also returns the drug mentions, for drug NER scoring. A word is a drug's adverse event when its event logit
    /// exceeds its outside logit by <paramref name="eventBias"/> (0: the argmax; see <see cref="EventDecision"/>).
    /// </summary>
    public IReadOnlyList<(IReadOnlyList<EntitySpan> Drugs, IReadOnlyList<AdePair> Pairs)> Predict(IReadOnlyList<string> texts, int maxLength,
        IReadOnlyList<IReadOnlyList<EntitySpan>>? givenDrugs = null, int batchSize = 16, double eventBias = 0)
    {
        Train(false);
        var results = new (IReadOnlyList<EntitySpan>, IReadOnlyList<AdePair>)[texts.Count];
        using var noGrad = no_grad();
        for (var start = 0; start < texts.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var batch = Enumerable.Range(start, Math.Min(batchSize, texts.Count - start)).ToArray();
            var encoded = batch.Select(i => AdeSentenceEncoding.Create(texts[i], Encoder, maxLength)).ToArray();
            var (ids, mask) = WindowBatch.Inputs(encoded.Select(e => e.InputIds).ToArray(), Encoder.PadId, Device);
            var t = (int)ids.shape[1];
            // First the drugs (from the NER logits of the same pass, unless given), then the event head for each.
            var hidden = Drugs.Model.Bert.forward(ids, mask, null);
            var drugArgmax = Drugs.Model.Classify(hidden).argmax(-1).cpu().data<long>().ToArray(); // (B * T)
            var drugs = new IReadOnlyList<EntitySpan>[batch.Length];
            for (var b = 0; b < batch.Length; b++)
                drugs[b] = givenDrugs?[batch[b]] ?? encoded[b].Decode(encoded[b].FirstPieces.Select(p => drugArgmax[b * t + p] == 1).ToArray(), AdeTypes.Drug);
            var (pieces, sentence, owners) = DrugInputs(encoded, drugs, t);
            var pairs = batch.Select(_ => new List<AdePair>()).ToArray();
            if (owners.Count > 0)
            {
                var eventLogits = EventLogits(hidden, pieces!.to(Device), sentence!.to(Device)); // (D, T, 2)
                var isEvent = (eventLogits.select(-1, 1) - eventLogits.select(-1, 0)).gt(eventBias).to_type(ScalarType.Int64);
                var eventFlags = isEvent.cpu().data<long>().ToArray(); // (D * T)
                for (var d = 0; d < owners.Count; d++)
                {
                    var (b, mention) = owners[d];
                    var e = encoded[b];
                    foreach (var ev in e.Decode(e.FirstPieces.Select(p => eventFlags[d * t + p] == 1).ToArray(), AdeTypes.AdverseEffect))
                        if (!ev.Overlaps(mention)) pairs[b].Add(new AdePair(mention, ev));
                }
            }
            for (var b = 0; b < batch.Length; b++) results[batch[b]] = (drugs[b], pairs[b]);
        }
        return results;
    }

    /// <summary>(D, T) piece masks and (D) sentence indices for the drugs of a batch; owners[d] = (sentence, drug span).</summary>
    internal static (Tensor? Pieces, Tensor? Sentence, List<(int Sentence, EntitySpan Drug)> Owners) DrugInputs(
        IReadOnlyList<AdeSentenceEncoding> encoded, IReadOnlyList<IReadOnlyList<EntitySpan>> drugs, int t)
    {
        var owners = new List<(int, EntitySpan)>();
        var masks = new List<float>();
        for (var b = 0; b < encoded.Count; b++)
            foreach (var mention in drugs[b])
            {
                var row = new float[t];
                var any = false;
                foreach (var p in encoded[b].PiecesOf(mention)) { row[p] = 1; any = true; }
                if (!any) continue; // the drug lies past the window
                owners.Add((b, mention));
                masks.AddRange(row);
            }
        if (owners.Count == 0) return (null, null, owners);
        return (tensor(masks.ToArray(), [owners.Count, t]), tensor(owners.Select(o => (long)o.Item1).ToArray()), owners);
    }

    public void Dispose()
    {
        Drugs.Dispose();
        AdeHead.Dispose();
        dropout.Dispose();
    }
}
