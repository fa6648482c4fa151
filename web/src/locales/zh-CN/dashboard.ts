// 首页统计
export default {
  persons: '登记人数',
  households: '户数',
  zones: '片区数',
  elderly: '60岁以上老人',
  byZone: '各片区人数与户数',
  flags: '需关注人员',
  seriesPersons: '人数',
  seriesHouseholds: '户数',
}
