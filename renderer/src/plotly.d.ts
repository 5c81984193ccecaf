// plotly.js-dist-min ships no typings; we use only these calls.
declare module 'plotly.js-dist-min' {
  const Plotly: {
    react(root: HTMLElement, data: object[], layout: object, config?: object): Promise<unknown>;
    purge(root: HTMLElement): void;
  };
  export default Plotly;
}
