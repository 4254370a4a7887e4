using Cerchio.Data;
using Cerchio.Journeys.Contracts;
using Cerchio.Journeys.Domain;
using Cerchio.Journeys.Features.Maps;
using Cerchio.Journeys.Features.Personas;
using Microsoft.EntityFrameworkCore;

namespace Cerchio.Journeys.Features.Demo;

/// <summary>
/// The demo company's personas (a building firm buying for its sites, a family furnishing its home), tied to the demo
/// customers' "segmento" attribute, and its default journey made and followed by the first: the map opens on first
/// run with the desk's and the events' numbers, and Consegna red from its complaints.
/// </summary>
internal sealed class JourneysDemoData(CerchioDb db, Personas.Personas personas, JourneyBook book) : IJourneysDemoData
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        var (builder, errors) = await personas.SaveAsync(null, new PersonaInput
        {
            Name = "Marco, impresa edile", Kind = PersonaInput.Business, Segment = "Imprese edili e general contractor, 10–50 dipendenti",
            MatchAttribute = "segmento", MatchValue = "A",
            Goals = "Arredare i cantieri consegnati nei tempi promessi ai suoi clienti.",
            Needs = "Date di consegna certe, un referente che risponde, fatture corrette al primo colpo.",
            Frustrations = "Ritardi scoperti il giorno della consegna; dover chiamare tre volte per sapere dov'è la merce.",
            Quote = "Se il camion non arriva, il cantiere si ferma e a pagare sono io.",
        }, null, ct);
        if (builder is null)
        {
            throw new InvalidOperationException(string.Join("; ", errors.All.Select(e => e.Message.Text)));
        }

        await personas.SaveAsync(null, new PersonaInput
        {
            Name = "Chiara, arreda casa", Kind = PersonaInput.Consumer, Segment = "Famiglie che comprano in negozio e sul sito",
            MatchAttribute = "segmento", MatchValue = "C",
            Goals = "Una cucina su misura montata prima del trasloco.",
            Needs = "Consigli chiari in negozio, montaggio puntuale, assistenza che richiama.",
            Frustrations = "Preventivi difficili da confrontare, attese al telefono.",
            Quote = "Voglio sapere quando arrivano, non sentirmi dire 'a giorni'.",
        }, null, ct);

        // The default journey, made on first look, follows the B2B persona.
        var journey = (await book.ListAsync(ct)).Single(j => j.Code == Journey.DefaultCode);
        var stored = await db.Set<Journey>().SingleAsync(j => j.Id == journey.Id, ct);
        stored.PersonaId = builder.Id;
        await db.SaveChangesAsync(ct);
    }
}
