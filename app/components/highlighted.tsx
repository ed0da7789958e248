type Piece = { readonly text: string; readonly match: boolean };

/**
 * Highlighted pieces as the text alternately outside and inside a match, starting
 * outside (so odd positions are matches): the page sends these in its loader data,
 * about a quarter of the bytes of the pieces as objects.
 */
export function matchRuns(pieces: readonly Piece[]): string[] {
  const runs = [""];
  for (const piece of pieces) {
    const lastIsMatch = runs.length % 2 === 0;
    if (piece.match === lastIsMatch) runs[runs.length - 1] += piece.text;
    else runs.push(piece.text);
  }
  return runs;
}

/** Text with the parts a search matched marked (runs from matchRuns, never HTML). */
export function Highlighted({ runs }: { runs: readonly string[] }) {
  return (
    <>
      {runs.map((text, i) => (text === "" ? null : i % 2 === 1 ? <mark key={i}>{text}</mark> : <span key={i}>{text}</span>))}
    </>
  );
}
