/** The hit's structure as an RDKit SVG depiction, fetched through the API. */
import { useEffect, useState } from 'react';
import { api } from '../api/api-client';

export function StructureView({ smiles }: { smiles: string | undefined }) {
  const [svg, setSvg] = useState<string>('');
  const [error, setError] = useState<string>('');
  useEffect(() => {
    setSvg('');
    setError('');
    if (!smiles) return;
    let live = true;
    api('chemistry.depict', { smiles, width: 300, height: 220 }).then(
      (r) => live && setSvg(r.svg),
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [smiles]);
  if (!smiles) return <div className="structure empty">No structure for this hit</div>;
  if (error) return <div className="structure empty">{error}</div>;
  // RDKit's SVG: inserted as markup, which never runs scripts.
  return <div className="structure" data-testid="structure" dangerouslySetInnerHTML={{ __html: svg }} />;
}
