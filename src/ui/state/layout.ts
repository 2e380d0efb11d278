import { createContext, useContext } from 'react';

/** The space a screen's body may use: the terminal less the header and the footer. */
export interface BodySize {
  width: number;
  height: number;
}

export const BodySizeContext = createContext<BodySize>({ width: 80, height: 20 });

export function useBodySize(): BodySize {
  return useContext(BodySizeContext);
}

export const minColumns = 60;
export const minRows = 15;
