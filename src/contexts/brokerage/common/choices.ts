/** The brokerage's fixed choice lists (contract enums); proteins are the org's own list instead. */
export const STORAGE_TYPES = ['fresh', 'frozen'] as const;
export type StorageType = (typeof STORAGE_TYPES)[number];

/** Net weight bills the labelled weight; catch weight bills the weight actually received. */
export const WEIGHT_TYPES = ['net', 'catch'] as const;
export type WeightType = (typeof WEIGHT_TYPES)[number];

export const PACKAGE_TYPES = ['box', 'combo_bin', 'vacuum_pack', 'tray_pack', 'bag', 'tote', 'bulk', 'other'] as const;
export type PackageType = (typeof PACKAGE_TYPES)[number];

export const SHIPPING_METHODS = ['truck', 'rail', 'air', 'sea', 'pickup'] as const;
export type ShippingMethod = (typeof SHIPPING_METHODS)[number];

export const PLANT_TYPES = ['processing', 'distribution', 'warehouse', 'retail', 'other'] as const;
export type PlantType = (typeof PLANT_TYPES)[number];

export const CARRIER_TYPES = ['truck', 'rail', 'air', 'sea', 'other'] as const;
export type CarrierType = (typeof CARRIER_TYPES)[number];

export const CUSTOMER_INDUSTRIES = [
  'processor',
  'retail',
  'food_service',
  'distributor',
  'pet_food',
  'export',
  'other',
] as const;
export type CustomerIndustry = (typeof CUSTOMER_INDUSTRIES)[number];

/** A carrier's document departments: bill of lading, certificate of analysis, proof of delivery. */
export const CARRIER_DEPARTMENTS = ['bol', 'coa', 'pod'] as const;
export type CarrierDepartment = (typeof CARRIER_DEPARTMENTS)[number];
