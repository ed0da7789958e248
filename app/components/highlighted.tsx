/** Text with the parts a search matched marked (pieces from the search service, never HTML). */
export function Highlighted({ pieces }: { pieces: readonly { text: string; match: boolean }[] }) {
  return (
    <>
      {pieces.map((piece, i) => (piece.match ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>))}
    </>
  );
}
